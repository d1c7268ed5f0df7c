//! Row structs of the file store.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::files;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = files)]
pub struct FileRow {
    pub id: i64,
    pub sha256: String,
    pub size_bytes: i64,
    pub media_type: String,
    pub org_id: i64,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = files)]
pub struct NewFile<'a> {
    pub sha256: &'a str,
    pub size_bytes: i64,
    pub media_type: &'a str,
    pub org_id: i64,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}
