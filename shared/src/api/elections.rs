//! Committees and their terms, and elections (成立、换届、增补) as the API shows them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PageQuery;
use super::requests::RequestStage;
use super::workflow::{Decision, EventView, InstanceStatus, Outcome, StepProgress};
use crate::codes::code_enum;
use crate::rules::RuleViolation;
pub use crate::rules::elections::{CandidateVotes, RoundCount, Tally};
use crate::{OrgId, PersonId};

code_enum! {
    pub enum ElectionKind {
        Founding = "founding" / "成立党支部",
        Reelection = "reelection" / "换届选举",
        ByElection = "by_election" / "增补委员",
    }
}

code_enum! {
    /// A post on a committee (or, without a committee, 书记 and 副书记).
    pub enum CommitteePost {
        Secretary = "secretary" / "书记",
        Deputy = "deputy" / "副书记",
        Organization = "organization" / "组织委员",
        Propaganda = "propaganda" / "宣传委员",
        Discipline = "discipline" / "纪检委员",
        Youth = "youth" / "青年委员",
        Member = "member" / "委员",
    }
}

code_enum! {
    /// How a member came onto the committee.
    pub enum CameIn {
        Founding = "founding" / "成立时选举",
        Reelection = "reelection" / "换届选举",
        ByElection = "by_election" / "增补选举",
        Appointment = "appointment" / "上级任命",
        Record = "record" / "原有记录",
    }
}

code_enum! {
    pub enum TermState {
        Unset = "unset" / "未设任期",
        Running = "running" / "任期内",
        Expiring = "expiring" / "半年内届满",
        Overdue = "overdue" / "已届满",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeMemberView {
    pub id: i64,
    pub person_id: PersonId,
    pub name: String,
    pub post: CommitteePost,
    pub came_in: CameIn,
    pub since: NaiveDate,
    /// The post ends with the committee's term.
    pub term_ends_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
    /// Whether the person has an account (the 党支部 role goes to it).
    pub has_account: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermView {
    pub started_on: NaiveDate,
    pub years: i32,
    pub ends_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub election_id: Option<i64>,
}

/// `GET /orgs/{id}/committee`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeView {
    pub org_id: OrgId,
    pub org_name: String,
    pub term_years: Option<i32>,
    pub term_started_on: Option<NaiveDate>,
    pub term_ends_on: Option<NaiveDate>,
    pub term_state: TermState,
    pub full_members: i64,
    pub probationary_members: i64,
    /// Whether the branch elects a committee (7 or more 正式党员) or only a 书记 (and 副书记).
    pub has_committee: bool,
    pub members: Vec<CommitteeMemberView>,
    /// Those who left their posts during the current term.
    pub former: Vec<CommitteeMemberView>,
    /// What the composition lacks (no secretary, too few or too many, vacancies).
    pub violations: Vec<RuleViolation>,
    /// Seats elected for the current term and not filled now (what a 增补 may fill).
    pub vacancies: u32,
    pub terms: Vec<TermView>,
    pub open_election: Option<i64>,
    /// Whether the caller may start a 换届 or 增补 here.
    pub may_elect: bool,
    /// Whether the caller (the 党委 above) may appoint a 书记 or 副书记.
    pub may_appoint: bool,
}

/// `POST /orgs/{id}/committee/appointments`: the upper org appoints (上级任命).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appointment {
    pub person_id: PersonId,
    pub post: CommitteePost,
    pub on: NaiveDate,
    pub reason: String,
}

/// `POST /orgs/{id}/committee/{member_id}/leave`: a member leaves the post (退休、调离、处分…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostLeave {
    pub on: NaiveDate,
    pub reason: String,
}

/// `POST /elections`. For a founding, `org_id` is the org whose members form the new branch
/// (the 请示 goes from there); the new branch is created under its upper 党委.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartElection {
    pub kind: ElectionKind,
    pub org_id: OrgId,
    /// The planned day of the 党员大会.
    pub planned_on: NaiveDate,
    pub seats: u32,
    /// Why (a 增补's vacancy; an early or delayed 换届's reason; a founding's basis).
    pub reason: String,
    #[serde(default)]
    pub new_org_name: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    /// The members who form the new branch (founding).
    #[serde(default)]
    pub member_ids: Vec<PersonId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ElectionView {
    pub id: i64,
    /// The workflow instance (a 请示 drafted for the case names it as `for_instance_id`).
    pub instance_id: i64,
    pub kind: ElectionKind,
    pub org_id: OrgId,
    pub org_name: String,
    pub new_org_name: Option<String>,
    /// The 党委 that gives the 批复 and approves the result.
    pub upper_org_name: String,
    pub status: InstanceStatus,
    pub outcome: Option<Outcome>,
    pub step: i32,
    pub step_name: String,
    pub planned_on: NaiveDate,
    pub seats: u32,
    pub term_ends_on: Option<NaiveDate>,
    pub schedule_label: Option<String>,
    pub started_on: NaiveDate,
    pub version: i32,
    pub can_act: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateView {
    pub person_id: PersonId,
    pub name: String,
    pub full_member_since: Option<NaiveDate>,
}

/// One round of voting as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundView {
    pub number: u32,
    pub seats: u32,
    pub candidates: Vec<i64>,
    pub entitled: u32,
    pub present: u32,
    pub issued: u32,
    pub returned: u32,
    pub count: RoundCount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostAssignment {
    pub person_id: PersonId,
    pub post: CommitteePost,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedRequest {
    pub id: i64,
    pub title: String,
    pub template_code: String,
    pub stage: RequestStage,
}

/// Who may vote: the 正式党员 whose formal relationship is in the org.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Roll {
    pub entitled: u32,
    /// 预备党员: present without a vote.
    pub probationary: u32,
}

/// `GET /elections/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ElectionDetail {
    pub election: ElectionView,
    pub reason: String,
    pub roll: Roll,
    /// Candidates in 姓氏笔画 order.
    pub candidates: Vec<CandidateView>,
    pub rounds: Vec<RoundView>,
    /// The next round's seats and candidates, while the vote is open.
    pub next_round: Option<RoundView>,
    pub elected: Vec<CandidateView>,
    pub posts: Vec<PostAssignment>,
    pub requests: Vec<LinkedRequest>,
    /// The request template to draft at a 请示 step (`reelection`, `by_election`, …).
    pub request_template: Option<String>,
    /// A founding's members (the roll and who may be nominated); empty otherwise.
    pub roll_members: Vec<CandidateView>,
    /// The seats the roll allows and the fewest candidates for them, by the configured rules.
    pub min_seats: u32,
    pub max_seats: u32,
    pub min_candidates: u32,
    /// The papers that can be made now (`ballot.pdf`, `tally.xlsx`, …).
    pub papers: Vec<String>,
    pub warnings: Vec<RuleViolation>,
    pub timeline: Vec<StepProgress>,
    pub history: Vec<EventView>,
}

/// `POST /elections/{id}/candidates`: the 候选人预备人选.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Nomination {
    pub version: i32,
    pub seats: u32,
    pub candidates: Vec<PersonId>,
}

/// `POST /elections/{id}/ballots`: one round's count. `preview` counts without saving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotEntry {
    pub version: i32,
    pub present: u32,
    pub issued: u32,
    pub returned: u32,
    pub tally: Tally,
    #[serde(default)]
    pub preview: bool,
    /// After a round with seats unfilled: the meeting decides not to hold a further round
    /// (allowed when those elected still make a valid committee).
    #[serde(default)]
    pub accept_fewer: bool,
}

/// `POST /elections/{id}/posts`: the committee's first meeting (书记、副书记 and the division of work).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostsEntry {
    pub version: i32,
    pub posts: Vec<PostAssignment>,
}

/// `POST /elections/{id}/act`: the 请示 steps (the 批复 arrived), the upper org's approval, or
/// closing the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ElectionAct {
    pub version: i32,
    #[serde(default)]
    pub decision: Option<Decision>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// `GET /elections` filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ElectionQuery {
    /// Only open elections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}

/// `GET /elections/terms`: one org's term in the subtree listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermRow {
    pub org_id: OrgId,
    pub org_name: String,
    pub secretary: Option<String>,
    pub term_ends_on: Option<NaiveDate>,
    pub term_state: TermState,
    pub open_election: Option<i64>,
}

/// `GET /elections/terms` filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct TermQuery {
    /// `expiring`, `overdue`, `running` or `unset`; all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TermState>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}
