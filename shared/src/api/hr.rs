//! Master-data sync with the HR system: connectors, sync/import jobs with their preview.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use crate::codes::code_enum;
use crate::{ConnectorId, JobId, OrgId, PersonId};

code_enum! {
    /// Where a sync job's rows come from.
    pub enum SourceKind {
        FileImport = "file_import" / "文件导入",
        HrPull = "hr_pull" / "人事系统同步",
    }
}

/// What a row of a sync would do to our records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A person HR knows and we do not: created as 群众 in the given org.
    New,
    /// HR-owned fields differ: they are updated.
    Changed,
    /// Nothing differs.
    Unchanged,
    /// In our scope with an employee number but absent from a full HR roster: marked as having
    /// left the unit (the party relationship is not touched).
    LeftUnit,
    /// HR disagrees on a party-owned field (org …): listed for a person, never applied.
    Conflict,
    /// The row cannot be used (bad 身份证, unknown org, duplicate employee number …).
    Invalid,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::New,
        ChangeKind::Changed,
        ChangeKind::LeftUnit,
        ChangeKind::Conflict,
        ChangeKind::Invalid,
        ChangeKind::Unchanged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Changed => "changed",
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::LeftUnit => "left_unit",
            ChangeKind::Conflict => "conflict",
            ChangeKind::Invalid => "invalid",
        }
    }

    pub fn from_code(code: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::New => "新增",
            ChangeKind::Changed => "信息变更",
            ChangeKind::Unchanged => "无变化",
            ChangeKind::LeftUnit => "已离开单位",
            ChangeKind::Conflict => "冲突待核实",
            ChangeKind::Invalid => "无效行",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Reading and comparing; see `phase` and the counters.
    Running,
    /// The preview is complete: apply or discard.
    PreviewReady,
    Applying,
    Applied,
    Discarded,
    Failed,
}

impl JobStatus {
    pub fn code(self) -> &'static str {
        match self {
            JobStatus::Running => "running",
            JobStatus::PreviewReady => "preview_ready",
            JobStatus::Applying => "applying",
            JobStatus::Applied => "applied",
            JobStatus::Discarded => "discarded",
            JobStatus::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<JobStatus> {
        [
            JobStatus::Running,
            JobStatus::PreviewReady,
            JobStatus::Applying,
            JobStatus::Applied,
            JobStatus::Discarded,
            JobStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            JobStatus::Running => "正在比对",
            JobStatus::PreviewReady => "待确认",
            JobStatus::Applying => "正在应用",
            JobStatus::Applied => "已应用",
            JobStatus::Discarded => "已放弃",
            JobStatus::Failed => "失败",
        }
    }

    pub fn is_finished(self) -> bool {
        matches!(self, JobStatus::Applied | JobStatus::Discarded | JobStatus::Failed)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeCounts {
    pub new: i64,
    pub changed: i64,
    pub unchanged: i64,
    pub left_unit: i64,
    pub conflict: i64,
    pub invalid: i64,
}

impl ChangeCounts {
    pub fn add(&mut self, kind: ChangeKind, n: i64) {
        match kind {
            ChangeKind::New => self.new += n,
            ChangeKind::Changed => self.changed += n,
            ChangeKind::Unchanged => self.unchanged += n,
            ChangeKind::LeftUnit => self.left_unit += n,
            ChangeKind::Conflict => self.conflict += n,
            ChangeKind::Invalid => self.invalid += n,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncJobView {
    pub id: JobId,
    pub source_kind: SourceKind,
    /// File name or connector name.
    pub source_name: String,
    pub scope_org_id: OrgId,
    pub status: JobStatus,
    /// What the job is doing now, in Chinese (读取文件, 比对, 应用第 3/30 批 …).
    pub phase: String,
    pub rows_total: i64,
    pub rows_done: i64,
    pub counts: ChangeCounts,
    pub error_message: Option<String>,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub applied_by: Option<String>,
    pub applied_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncRowView {
    pub id: i64,
    /// Line in the file (1 = header) or position in the HR feed.
    pub row_number: i64,
    pub kind: ChangeKind,
    pub person_id: Option<PersonId>,
    pub name: Option<String>,
    pub employee_number: Option<String>,
    pub changes: Vec<FieldChange>,
    /// Why the row is invalid, or what conflicts.
    pub problems: Vec<String>,
}

/// Filters of `GET /hr/jobs/{id}/rows`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct JobRowsQuery {
    /// Only rows of this kind (unchanged rows are only counted, never listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ChangeKind>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}

/// How the HR endpoint pages its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PagingStyle {
    /// `?page=1&size=N`, pages counted from 1, until a page has fewer than N items.
    PageNumber,
    /// `?offset=0&limit=N`.
    Offset,
    /// `?cursor=…`, the next cursor read from the response at `next_cursor_path`.
    Cursor,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectorInput {
    pub name: String,
    /// e.g. `https://hr.example.cn/api/employees`
    pub base_url: String,
    /// e.g. `Authorization`; the value is write-only.
    pub auth_header_name: Option<String>,
    /// e.g. `Bearer …`; omitted on update to keep the stored one.
    pub auth_header_value: Option<String>,
    pub paging_style: PagingStyle,
    /// Items per page.
    pub page_size: i32,
    /// JSON pointer to the array of records in a page, e.g. `/data/items`.
    pub items_pointer: String,
    /// For `cursor` paging: JSON pointer to the next cursor.
    pub next_cursor_pointer: Option<String>,
    /// Our field → their JSON field (pointer or key), e.g. `{"employee_number": "empNo"}`.
    pub field_mapping: std::collections::BTreeMap<String, String>,
    /// Hour of the nightly pull (0–23, Beijing time); none = manual only.
    pub schedule_hour: Option<i32>,
    /// The org subtree this connector feeds.
    pub scope_org_id: OrgId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectorView {
    pub id: ConnectorId,
    pub name: String,
    pub base_url: String,
    pub auth_header_name: Option<String>,
    /// Whether a secret is stored (it is never returned).
    pub has_auth_value: bool,
    pub paging_style: PagingStyle,
    pub page_size: i32,
    pub items_pointer: String,
    pub next_cursor_pointer: Option<String>,
    pub field_mapping: std::collections::BTreeMap<String, String>,
    pub schedule_hour: Option<i32>,
    pub scope_org_id: OrgId,
    pub last_job_id: Option<JobId>,
}
