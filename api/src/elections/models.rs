//! Rows of the elections table.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::elections;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = elections)]
pub struct ElectionRow {
    pub id: i64,
    pub instance_id: i64,
    pub org_id: i64,
    pub kind: String,
    pub is_open: bool,
    pub new_org_id: Option<i64>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = elections)]
pub struct NewElection<'a> {
    pub instance_id: i64,
    pub org_id: i64,
    pub kind: &'a str,
    pub is_open: bool,
    pub created_at: NaiveDateTime,
}
