//! Rows of the committee tables.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{committee_members, org_terms};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = committee_members)]
pub struct CommitteeMemberRow {
    pub id: i64,
    pub org_id: i64,
    pub person_id: i64,
    pub post: String,
    pub came_in: String,
    pub since: NaiveDate,
    pub election_id: Option<i64>,
    pub role_assignment_id: Option<i64>,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = committee_members)]
pub struct NewCommitteeMember<'a> {
    pub org_id: i64,
    pub person_id: i64,
    pub post: &'a str,
    pub came_in: &'a str,
    pub since: NaiveDate,
    pub election_id: Option<i64>,
    pub role_assignment_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = org_terms)]
pub struct TermRow {
    pub id: i64,
    pub org_id: i64,
    pub started_on: NaiveDate,
    pub years: i32,
    pub ends_on: NaiveDate,
    pub seats: i32,
    pub ended_on: Option<NaiveDate>,
    pub election_id: Option<i64>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = org_terms)]
pub struct NewTerm {
    pub org_id: i64,
    pub started_on: NaiveDate,
    pub years: i32,
    pub ends_on: NaiveDate,
    pub seats: i32,
    pub election_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// A committee member with what the views show beside the row.
#[derive(Debug, Clone)]
pub struct SeatRow {
    pub seat: CommitteeMemberRow,
    pub name: String,
    pub full_member_date: Option<NaiveDate>,
    pub user_id: Option<i64>,
}
