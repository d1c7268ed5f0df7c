//! 支部委员会: an org's committee and its term, appointing a 书记 or 副书记, a member leaving the
//! post, and the org's members for the pickers. Read into slim types, like `elections`.

use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use shared::MembershipStatus;
use shared::api::Page;
use shared::api::elections::{CameIn, CommitteePost, TermState};
use shared::rules::RuleViolation;

use super::client::{ApiError, send, url, with_json};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Seat {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    pub post: CommitteePost,
    pub came_in: CameIn,
    pub since: String,
    pub term_ends_on: Option<String>,
    pub left_on: Option<String>,
    pub left_reason: Option<String>,
    pub has_account: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Term {
    pub started_on: String,
    pub years: i32,
    pub ends_on: String,
    pub ended_on: Option<String>,
    pub election_id: Option<i64>,
}

/// `GET /orgs/{id}/committee`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Committee {
    pub org_id: i64,
    pub org_name: String,
    pub term_years: Option<i32>,
    pub term_started_on: Option<String>,
    pub term_ends_on: Option<String>,
    pub term_state: TermState,
    pub full_members: i64,
    pub probationary_members: i64,
    pub has_committee: bool,
    pub members: Vec<Seat>,
    pub former: Vec<Seat>,
    pub violations: Vec<RuleViolation>,
    /// Seats of the term still to fill (a 增补 may fill at most these).
    pub vacancies: u32,
    pub terms: Vec<Term>,
    pub open_election: Option<i64>,
    pub may_elect: bool,
    pub may_appoint: bool,
}

/// What the start form reads of an org's committee.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Brief {
    pub org_id: i64,
    pub org_name: String,
    pub term_ends_on: Option<String>,
    pub term_state: TermState,
    pub full_members: i64,
    pub vacancies: u32,
    pub open_election: Option<i64>,
}

/// A member of an org, as the pickers show them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub membership_status: MembershipStatus,
}

#[derive(Serialize)]
struct Appoint<'a> {
    person_id: i64,
    post: &'static str,
    on: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Leave<'a> {
    on: &'a str,
    reason: &'a str,
}

pub async fn committee(org: i64) -> Result<Committee, ApiError> {
    send(Request::get(&url(&format!("/orgs/{org}/committee"))).build()).await
}

pub async fn brief(org: i64) -> Result<Brief, ApiError> {
    send(Request::get(&url(&format!("/orgs/{org}/committee"))).build()).await
}

pub async fn appoint(
    org: i64,
    person_id: i64,
    post: CommitteePost,
    on: &str,
    reason: &str,
) -> Result<Committee, ApiError> {
    let body = Appoint { person_id, post: post.code(), on, reason };
    send(with_json(Request::post(&url(&format!("/orgs/{org}/committee/appointments"))), &body)).await
}

pub async fn leave(org: i64, member: i64, on: &str, reason: &str) -> Result<Committee, ApiError> {
    let body = Leave { on, reason };
    send(with_json(Request::post(&url(&format!("/orgs/{org}/committee/{member}/leave"))), &body)).await
}

/// Members of `org` (and its party groups) with the given status codes, by name; at most 200.
pub async fn people(org: i64, status: &str, q: Option<String>) -> Result<Vec<Person>, ApiError> {
    let mut query = vec![("org_id", org.to_string()), ("status", status.to_string()), ("limit", "200".into())];
    if let Some(q) = q {
        query.push(("q", q));
    }
    let path = format!("{}?{}", url("/members"), serde_urlencoded::to_string(query).unwrap_or_default());
    send::<Page<Person>>(Request::get(&path).build()).await.map(|p| p.items)
}
