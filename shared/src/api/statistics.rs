//! The dashboard (数据看板) and the intra-party statistics (党内统计报表), domain.md §6.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use crate::{OrgId, PersonId};

/// `GET /dashboard`: the active role's scope, or a given org inside it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct DashboardQuery {
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub org_id: Option<OrgId>,
}

/// How a panel is drawn. Every chart also shows its figures as a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Horizontal bars, one per figure.
    Bars,
    /// A ring of shares (two to four figures).
    Donut,
    /// Stages from wide to narrow.
    Funnel,
    /// Each figure is a rate: `value` of `of`.
    Rates,
    /// Plain numbers.
    Figures,
    /// Months × branches (`heat`).
    HeatMap,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    /// Stable key within the panel (a code such as `female`, `31_35`).
    pub key: String,
    pub label: String,
    pub value: i64,
    /// For rates: the denominator (the rate is `value / of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<i64>,
    /// The SPA path, with its query, of the list behind the number (for members it is the
    /// member list, whose API `GET /members` takes the same query).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drill: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeatCell {
    /// Branches that met the month's rules (支委会 and 党小组会 monthly, 党员大会 and 党课 once a
    /// quarter, checked in the quarter's last month): 0 or 1 for a branch's own row.
    pub met: i64,
    /// Branches counted in the row (1 for a branch; a row for a whole sub-committee counts all
    /// its branches).
    pub of: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeatRow {
    pub org_id: OrgId,
    pub org_name: String,
    pub cells: Vec<HeatCell>,
    /// The row's meeting compliance report.
    pub drill: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeatMap {
    /// `YYYY-MM`, oldest first.
    pub months: Vec<String>,
    pub rows: Vec<HeatRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Panel {
    /// `gender`, `ethnicity`, `education`, `age`, `standing`, `join_era`, `occupation`,
    /// `category`, `pipeline`, `org_life`, `attendance`, `dues`, `transfers`, `terms`, `alerts`.
    pub key: String,
    pub title: String,
    pub chart: ChartKind,
    pub figures: Vec<Figure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heat: Option<HeatMap>,
    /// What the panel counts, e.g. the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub org_id: OrgId,
    pub org_name: String,
    pub on: NaiveDate,
    /// 党员 (正式 and 预备) in the scope.
    pub members: i64,
    /// 队伍结构 panels first, then 业务状态.
    pub panels: Vec<Panel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    #[default]
    Json,
    Xlsx,
    Pdf,
}

/// `GET /reports/statistics` and `GET /reports/statistics/check`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StatisticsQuery {
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub org_id: Option<OrgId>,
    /// 截止日期; today when absent. The year's flows (发展, 转正, 出党 …) count from 1 January
    /// of its year to this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ReportFormat>,
}

/// One cell of a multi-level header; `cols` and `rows` are its spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeaderCell {
    pub text: String,
    pub cols: i32,
    pub rows: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRow {
    pub label: String,
    pub cells: Vec<i64>,
}

/// One table of the set, laid out like the official one: the header rows (the first column
/// is the row label's), then the rows, the first of which is the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportTable {
    /// `t01` … in the order of the set.
    pub code: String,
    pub title: String,
    /// 人, 个, 元 …
    pub unit: String,
    pub header: Vec<Vec<HeaderCell>>,
    /// Column keys in cell order (stable, for tests and integrators).
    pub columns: Vec<String>,
    /// Per column: the cells are integers scaled by 10^decimals (2 for amounts in 元 kept in
    /// 分); empty means all 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decimals: Vec<u8>,
    pub rows: Vec<ReportRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatisticsReport {
    pub org_id: OrgId,
    /// 填报单位.
    pub org_name: String,
    /// 截止日期.
    pub as_of: NaiveDate,
    /// Start of the period the flows count from.
    pub period_from: NaiveDate,
    pub tables: Vec<ReportTable>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsistencyProblem {
    /// `person_deleted`, `committee_member_missing`, `dates_out_of_order`, …
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<OrgId>,
    /// The SPA page where it can be fixed.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsistencyReport {
    pub checked_people: i64,
    pub problems: Vec<ConsistencyProblem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateStatisticsExport {
    pub org_id: OrgId,
    pub as_of: NaiveDate,
}

/// A generated set (XLSX and PDF), kept and listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatisticsExport {
    pub id: i64,
    pub org_id: OrgId,
    pub org_name: String,
    pub as_of: NaiveDate,
    /// `queued`, `running`, `succeeded`, `failed`.
    pub status: String,
    pub phase: String,
    pub done: i64,
    pub total: i64,
    /// Problems the consistency check found when the set was made.
    pub problems: i64,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ExportListQuery {
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}
