//! Member development (发展党员): the 25-step process, its instances and their history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use super::workflow::{
    Decision, EventAction, EventView, FieldKind, InstanceStatus, Outcome, StepProgress, StepState,
};
use crate::rules::RuleViolation;
use crate::rules::development::VoteOutcome;
use crate::{OrgId, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepActor {
    /// The applicant / probationary member themselves (or the branch recording for them).
    Applicant,
    /// The 党支部 (secretary or committee).
    Branch,
    /// The 基层党委 above the branch (or the 政工部门).
    Committee,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Record,
    /// 备案: the committee takes note.
    Filing,
    /// 审批: the committee approves or returns.
    Approval,
    /// A branch general meeting votes.
    Vote,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldSpec {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// Whether the applicant sees what is recorded here (政审结论、谈话记录 are internal).
    pub visible_to_subject: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepInfo {
    pub number: i32,
    pub stage: i32,
    pub stage_name: String,
    pub code: String,
    pub name: String,
    pub actor: StepActor,
    pub kind: StepKind,
    pub fields: Vec<FieldSpec>,
    /// The earlier step this one may be returned to (with a comment), if any.
    pub may_return_to: Option<i32>,
    /// Whether the case may be rejected (ended) here.
    pub may_reject: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstanceSummary {
    pub id: i64,
    pub person_id: PersonId,
    pub person_name: String,
    pub org_id: OrgId,
    pub org_name: String,
    /// The step to do next (26 when finished).
    pub step: i32,
    pub step_name: String,
    pub stage: i32,
    pub status: InstanceStatus,
    pub outcome: Option<Outcome>,
    /// Deadline of the current step.
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    /// Earliest day the current step is allowed (for a waiting case: when it may go on).
    pub ready_on: Option<NaiveDate>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstanceDetail {
    pub summary: InstanceSummary,
    /// Everything recorded so far (dates, votes, introducers …).
    pub data: serde_json::Value,
    pub steps: Vec<StepProgress>,
    pub history: Vec<EventView>,
    pub next: Option<StepInfo>,
    /// Why the next step cannot be done today, if a rule blocks it.
    pub blocked_by: Option<RuleViolation>,
    pub warnings: Vec<String>,
    /// Whether the caller may act on the next step.
    pub can_act: bool,
}

/// The deployment's rule set, its catalogue and the working-day calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RulesView {
    pub rules: crate::rules::development::DevelopmentRules,
    pub catalogue: Vec<crate::rules::development::RuleInfo>,
    pub calendar: Vec<crate::rules::calendar::CalendarYear>,
}

/// One day of the working-day calendar, as edited by the 政工部门.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarEdit {
    pub day: NaiveDate,
    /// holiday (放假), workday (调休上班), or normal (back to the weekday rule / shipped data).
    pub kind: String,
    pub note: Option<String>,
}

/// Filters of `GET /development/instances`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct InstanceListQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<i64>,
    /// 1–5
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<i32>,
    /// Only instances past their deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    /// Include finished instances (default: only active ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_finished: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// A page of development cases.
pub type InstancePage = super::Page<InstanceSummary>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepRequest {
    pub version: i32,
    /// The step's fields (see `StepInfo.fields`), e.g. `{"talked_on": "2026-03-01", "talker": "张三"}`.
    #[serde(default)]
    pub data: serde_json::Map<String, serde_json::Value>,
    /// `return` sends the case back to the step's earlier step (comment required); `reject` ends
    /// it (comment required); absent or `approve` does the step.
    #[serde(default)]
    pub decision: Option<Decision>,
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationRequest {
    pub applied_on: NaiveDate,
    /// When a branch records a paper application for someone; omitted when applicants apply themselves.
    #[serde(default)]
    pub person_id: Option<PersonId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateVote {
    pub instance_id: i64,
    pub version: i32,
    pub yes: u32,
    /// Written opinions of absent members in favour.
    #[serde(default)]
    pub written_yes: u32,
    /// For 转正 meetings: full_member, extend or cancel.
    #[serde(default)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub extension_months: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingRequest {
    pub meeting_on: NaiveDate,
    /// Full members with voting rights (应到会有表决权的正式党员).
    pub entitled: u32,
    pub present: u32,
    /// Each candidate is voted on separately.
    pub candidates: Vec<CandidateVote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateResult {
    pub instance_id: i64,
    pub outcome: Option<VoteOutcome>,
    pub error: Option<crate::error::ErrorBody>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineSummary {
    /// Active instances per stage 1–5.
    pub by_stage: Vec<i64>,
    pub due_talks: i64,
    /// 积极分子 whose year is over (ready to become 发展对象).
    pub ready_candidates: i64,
    pub overdue: i64,
    /// Waiting for the 党委 (filings and approvals).
    pub awaiting_committee: i64,
}
