//! Analysis alerts (分析提醒) as the API shows them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::alerts::Severity;
use crate::{AlertId, OrgId, PersonId};

/// One rule with the number of open alerts in the caller's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertRuleCount {
    pub rule: String,
    pub title: String,
    pub advice: String,
    pub source: String,
    pub severity: Severity,
    /// False for rules whose data does not exist yet (党费 before the dues feature).
    pub evaluated: bool,
    pub open: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertView {
    pub id: AlertId,
    pub rule: String,
    pub title: String,
    pub severity: Severity,
    pub org_id: OrgId,
    pub org_name: String,
    pub person_id: Option<PersonId>,
    pub person_name: Option<String>,
    /// What exactly is wrong, e.g. 正式党员 2 人.
    pub detail: String,
    pub first_seen_on: NaiveDate,
    pub last_seen_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    /// A web UI path to the org or person.
    pub link: String,
}

/// `GET /alerts`: the counts per rule and one page of alerts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertReport {
    pub rules: Vec<AlertRuleCount>,
    pub items: Vec<AlertView>,
    pub next_cursor: Option<String>,
    /// When the rules were last evaluated (null before the first run).
    pub evaluated_on: Option<NaiveDate>,
}

/// Filters of `GET /alerts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AlertQuery {
    /// A rule code, e.g. `term_expired`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// An org: its subtree (default: the active role's org).
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub org_id: Option<i64>,
    /// Also list alerts that have cleared.
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub include_resolved: Option<bool>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: super::PageQuery,
}
