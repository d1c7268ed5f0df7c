//! Party dues cases as the API shows them: 减免 (reductions, a workflow) and the yearly base
//! declaration import. Re-exported from `api::dues`.

use serde::{Deserialize, Serialize};

use crate::{OrgId, PersonId};

/// `POST /dues/reductions`: a member in hardship applies to pay less (`reduce`, with the
/// monthly amount asked for) or nothing (`exempt`), from a month on; the branch may file it for
/// a member (`person_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReductionInput {
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// `reduce` or `exempt`
    pub kind: String,
    /// 元 a month, for `reduce`.
    #[serde(default)]
    pub monthly: Option<String>,
    /// `2026-12`
    pub first_month: String,
    /// `2027-11`; none: until decided otherwise.
    #[serde(default)]
    pub last_month: Option<String>,
    pub reason: String,
}

/// A reduction case (减免党费) on the workflow engine: applied → 党支部研究 → 党委批准.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReductionView {
    pub id: i64,
    pub person_id: PersonId,
    pub person_name: String,
    pub org_id: OrgId,
    pub org_name: String,
    pub kind: String,
    pub kind_label: String,
    /// 元 a month while it applies (`0.00` for an exemption).
    pub monthly: String,
    /// The member's standard now, for comparison.
    pub standard: String,
    pub first_month: String,
    pub last_month: Option<String>,
    pub reason: String,
    /// 1 applied, 2 党支部研究, 3 党委批准, 4 finished.
    pub step: i32,
    pub step_name: String,
    pub status: crate::api::workflow::InstanceStatus,
    pub outcome: Option<crate::api::workflow::Outcome>,
    pub version: i32,
    /// The caller may decide the current step.
    pub can_act: bool,
    pub history: Vec<crate::api::workflow::EventView>,
}

/// `POST /dues/reductions/{id}/decision`: the branch's or the 党委's decision on the current step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReductionDecision {
    pub version: i32,
    /// `approve` or `reject` (a comment is required to reject).
    pub decision: crate::api::workflow::Decision,
    #[serde(default)]
    pub comment: Option<String>,
}

/// Filters of `GET /dues/reductions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ReductionQuery {
    /// One member's cases (within reach).
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub person_id: Option<i64>,
    /// Also finished cases.
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub include_finished: Option<bool>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: super::PageQuery,
}

/// One checked line of a base declaration file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaseImportLine {
    /// The line in the file (the header is line 1).
    pub line: i64,
    pub person_id: Option<PersonId>,
    pub name: String,
    pub category: String,
    pub base: String,
    pub monthly: String,
    pub effective_month: String,
    /// What is wrong with the line (none: it will be applied).
    pub errors: Vec<crate::error::FieldError>,
}

/// `POST /dues/base-imports`: the preview of an uploaded declaration; nothing is applied until
/// `POST /dues/base-imports/{id}/apply`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaseImportView {
    pub id: i64,
    pub org_id: OrgId,
    pub file_name: String,
    /// `preview`, `applied`
    pub status: String,
    pub valid_rows: i32,
    pub error_rows: i32,
    /// The lines with errors first, then the others (at most 500 lines are returned).
    pub lines: Vec<BaseImportLine>,
}
