//! 选举: the elections within reach and the subtree's terms, starting an election, one case and
//! its structured steps (candidates, one round's count, posts, the 请示 and approval steps). An
//! org's committee is in `committees`.
//!
//! The answers are read into the slim types below instead of `shared::api::elections`: the
//! screens show dates as the server writes them and skip what they never show, which keeps the
//! deserialising code of the election areas small.

use chrono::{DateTime, Utc};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use shared::RoleKind;
use shared::api::Page;
use shared::api::elections::{CommitteePost, ElectionKind, TermState};
use shared::api::requests::RequestStage;
use shared::api::workflow::{EventAction, InstanceStatus, Outcome, StepProgress};
use shared::rules::RuleViolation;

use super::client::{ApiError, send, url, with_json};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Election {
    pub id: i64,
    pub instance_id: i64,
    pub kind: ElectionKind,
    pub org_id: i64,
    pub org_name: String,
    pub new_org_name: Option<String>,
    pub upper_org_name: String,
    pub status: InstanceStatus,
    pub outcome: Option<Outcome>,
    pub step: i32,
    pub step_name: String,
    pub planned_on: String,
    pub seats: u32,
    pub term_ends_on: Option<String>,
    pub schedule_label: Option<String>,
    pub started_on: String,
    pub version: i32,
    pub can_act: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Candidate {
    pub person_id: i64,
    pub name: String,
    pub full_member_since: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    pub person_id: i64,
    pub votes: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Count {
    pub void: bool,
    pub valid_ballots: u32,
    pub invalid_ballots: u32,
    pub votes: Vec<Votes>,
    pub elected: Vec<i64>,
    pub tied: Vec<i64>,
    pub unfilled: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Round {
    pub number: u32,
    pub seats: u32,
    pub candidates: Vec<i64>,
    pub entitled: u32,
    pub present: u32,
    pub issued: u32,
    pub returned: u32,
    pub count: Count,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Post {
    pub person_id: i64,
    pub post: CommitteePost,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Linked {
    pub id: i64,
    pub title: String,
    pub template_code: String,
    pub stage: RequestStage,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Roll {
    pub entitled: u32,
    pub probationary: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Event {
    pub step: i32,
    pub step_name: String,
    pub action: EventAction,
    pub actor_name: Option<String>,
    pub actor_role: Option<RoleKind>,
    pub at: DateTime<Utc>,
    pub comment: Option<String>,
}

/// `GET /elections/{id}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Detail {
    pub election: Election,
    pub reason: String,
    pub roll: Roll,
    pub candidates: Vec<Candidate>,
    pub rounds: Vec<Round>,
    pub next_round: Option<Round>,
    pub elected: Vec<Candidate>,
    pub posts: Vec<Post>,
    pub requests: Vec<Linked>,
    pub request_template: Option<String>,
    /// The papers that can be made now (`ballot.pdf`, `tally.xlsx`, …).
    pub papers: Vec<String>,
    pub warnings: Vec<RuleViolation>,
    pub timeline: Vec<StepProgress>,
    pub history: Vec<Event>,
}

/// A candidate's name by id.
pub fn name_of(candidates: &[Candidate], id: i64) -> String {
    candidates.iter().find(|c| c.person_id == id).map(|c| c.name.clone()).unwrap_or_else(|| id.to_string())
}

/// What the form of a step reads of `GET /elections/{id}` (the step page leaves out the
/// timeline, the history, the requests and the warnings, which it does not show).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StepDetail {
    pub election: Election,
    pub roll: Roll,
    pub candidates: Vec<Candidate>,
    pub next_round: Option<Round>,
    pub elected: Vec<Candidate>,
    pub posts: Vec<Post>,
    /// A founding's members, who may be nominated; empty otherwise.
    pub roll_members: Vec<Candidate>,
    /// The seats the rules allow and the fewest candidates for the election's seats.
    pub min_seats: u32,
    pub max_seats: u32,
    pub min_candidates: u32,
}

/// An answer read only for the election's id (the page goes on to the case).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Ack {
    pub election: Id,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Id {
    pub id: i64,
}

/// One org's term in the subtree listing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TermRow {
    pub org_id: i64,
    pub org_name: String,
    pub secretary: Option<String>,
    pub term_ends_on: Option<String>,
    pub term_state: TermState,
    pub open_election: Option<i64>,
}

/// `POST /elections`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Start {
    pub kind: &'static str,
    pub org_id: i64,
    pub planned_on: String,
    pub seats: u32,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_org_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub member_ids: Vec<i64>,
}

/// What the tellers bring back: the votes per candidate and the invalid ballots (the API also
/// takes the ballots one by one, `{"mode": "ballots"}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Tally {
    Counts { votes: Vec<Votes>, invalid: u32 },
}

/// `POST /elections/{id}/ballots`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ballots {
    pub version: i32,
    pub present: u32,
    pub issued: u32,
    pub returned: u32,
    pub tally: Tally,
    pub preview: bool,
    pub accept_fewer: bool,
}

#[derive(Serialize)]
struct Nomination<'a> {
    version: i32,
    seats: u32,
    candidates: &'a [i64],
}

#[derive(Serialize)]
struct PostOut {
    person_id: i64,
    post: &'static str,
}

#[derive(Serialize)]
struct Posts {
    version: i32,
    posts: Vec<PostOut>,
}

/// `POST /elections/{id}/act`: `decision` none (go on / approve), `return` or `reject`.
#[derive(Serialize)]
struct Act<'a> {
    version: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
}

fn page_path(path: &str, filter: Option<(&str, &str)>, cursor: Option<String>) -> String {
    let mut query = vec![("limit", "30".to_string())];
    if let Some((key, value)) = filter {
        query.push((key, value.to_string()));
    }
    if let Some(cursor) = cursor {
        query.push(("cursor", cursor));
    }
    format!("{}?{}", url(path), serde_urlencoded::to_string(query).unwrap_or_default())
}

/// The elections within reach, newest first (`open`: only those still running).
pub async fn list(open: bool, cursor: Option<String>) -> Result<Page<Election>, ApiError> {
    let path = page_path("/elections", open.then_some(("open", "true")), cursor);
    send(Request::get(&path).build()).await
}

/// The terms of the orgs in the subtree, by state code (all when none).
pub async fn terms(state: Option<String>, cursor: Option<String>) -> Result<Page<TermRow>, ApiError> {
    let path = page_path("/elections/terms", state.as_deref().map(|s| ("state", s)), cursor);
    send(Request::get(&path).build()).await
}

pub async fn start(input: &Start) -> Result<Ack, ApiError> {
    send(with_json(Request::post(&url("/elections")), input)).await
}

pub async fn detail(id: i64) -> Result<Detail, ApiError> {
    send(Request::get(&url(&format!("/elections/{id}"))).build()).await
}

pub async fn step_detail(id: i64) -> Result<StepDetail, ApiError> {
    send(Request::get(&url(&format!("/elections/{id}"))).build()).await
}

pub async fn nominate(id: i64, version: i32, seats: u32, candidates: &[i64]) -> Result<Ack, ApiError> {
    let body = Nomination { version, seats, candidates };
    send(with_json(Request::post(&url(&format!("/elections/{id}/candidates"))), &body)).await
}

pub async fn ballots(id: i64, body: &Ballots) -> Result<Round, ApiError> {
    send(with_json(Request::post(&url(&format!("/elections/{id}/ballots"))), body)).await
}

pub async fn posts(id: i64, version: i32, posts: &[(i64, CommitteePost)]) -> Result<Ack, ApiError> {
    let posts = posts.iter().map(|(p, post)| PostOut { person_id: *p, post: post.code() }).collect();
    send(with_json(Request::post(&url(&format!("/elections/{id}/posts"))), &Posts { version, posts })).await
}

pub async fn act(id: i64, version: i32, decision: Option<&str>, comment: Option<&str>) -> Result<Detail, ApiError> {
    let body = Act { version, decision, comment };
    send(with_json(Request::post(&url(&format!("/elections/{id}/act"))), &body)).await
}

/// An election document (选票, 选举办法草案, 主持词, 计票单, 选举结果报告): a plain link.
pub fn document_href(id: i64, name: &str) -> String {
    url(&format!("/elections/{id}/documents/{name}"))
}
