use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::orgs;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = orgs)]
pub struct OrgRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub path: String,
    pub depth: i32,
    pub name: String,
    pub kind: String,
    pub sector: String,
    pub founded_on: Option<NaiveDate>,
    pub term_years: Option<i32>,
    pub term_started_on: Option<NaiveDate>,
    pub status: String,
    pub dissolved_on: Option<NaiveDate>,
    pub dissolve_reason: Option<String>,
    pub version: i32,
}

impl OrgRow {
    /// Ids on the path from the root down to this org, this org included.
    pub fn path_ids(&self) -> Vec<i64> {
        self.path.split('/').filter_map(|s| s.parse().ok()).collect()
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = orgs)]
pub struct NewOrg<'a> {
    pub parent_id: Option<i64>,
    pub path: &'a str,
    pub depth: i32,
    pub name: &'a str,
    pub kind: &'a str,
    pub sector: &'a str,
    pub founded_on: Option<NaiveDate>,
    pub term_years: Option<i32>,
    pub term_started_on: Option<NaiveDate>,
    pub status: &'a str,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
