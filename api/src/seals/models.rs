//! Rows of the seal table.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::org_seals;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = org_seals)]
pub struct SealRow {
    pub id: i64,
    pub org_id: i64,
    pub image_file_id: Option<i64>,
    pub doc_prefix: String,
    pub signer: String,
    pub public_key: String,
    pub private_key: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = org_seals)]
pub struct NewSeal<'a> {
    pub org_id: i64,
    pub image_file_id: Option<i64>,
    pub doc_prefix: &'a str,
    pub signer: &'a str,
    pub public_key: &'a str,
    pub private_key: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
