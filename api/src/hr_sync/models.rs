use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{hr_connectors, sync_jobs};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sync_jobs)]
pub struct JobRow {
    pub id: i64,
    pub source_kind: String,
    pub source_name: String,
    pub connector_id: Option<i64>,
    pub scope_org_id: i64,
    pub full_roster: bool,
    pub status: String,
    pub phase: String,
    pub rows_total: i64,
    pub rows_done: i64,
    pub counts_json: String,
    pub error_message: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub applied_by: Option<i64>,
    pub applied_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sync_jobs)]
pub struct NewJob<'a> {
    pub source_kind: &'a str,
    pub source_name: &'a str,
    pub connector_id: Option<i64>,
    pub scope_org_id: i64,
    pub full_roster: bool,
    pub status: &'a str,
    pub phase: &'a str,
    pub rows_total: i64,
    pub rows_done: i64,
    pub counts_json: &'a str,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = hr_connectors)]
pub struct ConnectorRow {
    pub id: i64,
    pub name: String,
    pub base_url: String,
    pub auth_header_name: Option<String>,
    pub auth_header_value: Option<String>,
    pub paging_style: String,
    pub page_size: i32,
    pub items_pointer: String,
    pub next_cursor_pointer: Option<String>,
    pub field_mapping_json: String,
    pub schedule_hour: Option<i32>,
    pub scope_org_id: i64,
    pub last_scheduled_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = hr_connectors)]
pub struct ConnectorFields {
    pub name: String,
    pub base_url: String,
    pub auth_header_name: Option<String>,
    pub paging_style: String,
    pub page_size: i32,
    pub items_pointer: String,
    pub next_cursor_pointer: Option<String>,
    pub field_mapping_json: String,
    pub schedule_hour: Option<i32>,
    pub scope_org_id: i64,
}
