//! Requests (请示) to the upper org and its replies (批复), as the API shows them: templates
//! with fields and a body with placeholders, drafts, the flow on the workflow engine, sealed
//! documents with their public check, SMS approval and the archive (档案).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use super::workflow::{EventView, InstanceStatus, Outcome, StepProgress};
use crate::codes::code_enum;
use crate::{OrgId, UserId};

code_enum! {
    /// Where a request is (the lists and desk queues filter on it).
    pub enum RequestStage {
        Draft = "draft" / "草稿",
        Review = "review" / "待审核",
        Signing = "signing" / "待签发",
        Submitted = "submitted" / "待上级批复",
        Approved = "approved" / "已批复同意",
        Rejected = "rejected" / "已批复不同意",
    }
}

code_enum! {
    /// The desk queues: `mine` the requests of the caller's org (drafts, in review, submitted);
    /// `to_do` those waiting for the caller (review, 签发, or the upper org's 批复); `received`
    /// those sent to the caller's org for 批复.
    pub enum RequestQueue {
        Mine = "mine" / "本级请示",
        ToDo = "to_do" / "待我办理",
        Received = "received" / "收到的请示",
    }
}

code_enum! {
    /// The kind of a template field.
    pub enum TemplateFieldKind {
        Text = "text" / "单行文字",
        Paragraph = "paragraph" / "多行文字",
        Number = "number" / "数字",
        Date = "date" / "日期",
    }
}

code_enum! {
    /// How long an archive is kept (《归档文件整理规则》 retention periods).
    pub enum Retention {
        Permanent = "permanent" / "永久",
        Long = "long" / "长期（30年）",
        Short = "short" / "短期（10年）",
    }
}

code_enum! {
    /// A sealed document of a request.
    pub enum DocumentKind {
        Request = "request" / "请示",
        Reply = "reply" / "批复",
    }
}

/// One field a template asks for; the body names it as `{name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateField {
    /// ASCII name used in placeholders, e.g. `unit`.
    pub name: String,
    pub label: String,
    pub kind: TemplateFieldKind,
    pub required: bool,
    /// Shown under the input, e.g. "按姓氏笔画排列".
    #[serde(default)]
    pub hint: String,
}

/// A template as stored (one version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestTemplate {
    pub id: i64,
    /// Stable across versions, e.g. `found_branch`.
    pub code: String,
    pub version: i32,
    pub name: String,
    /// The 事由 part of the title with placeholders, e.g. `关于成立{unit}党支部的请示`.
    pub title_pattern: String,
    pub fields: Vec<TemplateField>,
    /// The body with placeholders; paragraphs are lines; headings start with 一、/（一）/1./（1）.
    pub body: String,
    /// The 批复's body with placeholders (`{request_org}`, `{request_title}`, `{request_number}`, `{decision}`).
    pub reply_body: String,
    /// The 批复 is normally due this many days after submission.
    pub reply_days: i32,
    pub retention: Retention,
    /// Only the newest version of a code is offered for new drafts.
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// `POST /requests/templates`: a new version of a template (or a new template), by the 政工部门.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateInput {
    pub code: String,
    pub name: String,
    pub title_pattern: String,
    pub fields: Vec<TemplateField>,
    pub body: String,
    pub reply_body: String,
    pub reply_days: i32,
    pub retention: Retention,
}

/// `POST /requests` and `PUT /requests/{id}`: a draft. The 主送机关 is always the drafting org's
/// upper org; 抄送 may name other orgs but never one below the drafting org.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftInput {
    pub template_id: i64,
    /// The drafting org (发文机关); the caller must be one of its officials.
    pub org_id: OrgId,
    /// The template's fields by name.
    #[serde(default)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// The body as edited; empty means the template's body with the fields filled in.
    #[serde(default)]
    pub body: Option<String>,
    /// 附件 names, in order.
    #[serde(default)]
    pub attachments: Vec<String>,
    #[serde(default)]
    pub cc_org_ids: Vec<OrgId>,
    /// The official who signs (签发), normally the 书记.
    pub signer_user_id: UserId,
    pub contact: String,
    pub contact_phone: String,
    /// A case (member development, an election) that waits for this request's 批复.
    #[serde(default)]
    pub for_instance_id: Option<i64>,
    /// The draft's version when editing (409 when someone saved in between).
    #[serde(default)]
    pub version: Option<i32>,
}

/// An org named on a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgName {
    pub id: OrgId,
    pub name: String,
}

/// A request in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestView {
    pub id: i64,
    pub title: String,
    pub template_name: String,
    pub org: OrgName,
    pub to_org: OrgName,
    pub stage: RequestStage,
    pub doc_number: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub archived: bool,
    pub updated_at: DateTime<Utc>,
}

/// `GET /requests` filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct RequestQuery {
    /// `mine`, `to_do` or `received`; all requests within reach when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<RequestQueue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<RequestStage>,
    /// Title contains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}

/// A sealed document (the 请示 or the 批复).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SealedDocument {
    pub kind: DocumentKind,
    pub doc_number: String,
    pub title: String,
    pub issuer: String,
    pub code: String,
    /// `/api/v1/requests/{id}/documents/{kind}.pdf`
    pub pdf_url: String,
    pub verify_url: String,
    pub sealed_by: String,
    pub sealed_at: DateTime<Utc>,
}

/// One request with its content, documents, timeline and what the caller may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestDetail {
    pub id: i64,
    pub template: RequestTemplate,
    pub org: OrgName,
    pub to_org: OrgName,
    pub cc: Vec<OrgName>,
    pub title: String,
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub body: String,
    pub attachments: Vec<String>,
    pub contact: String,
    pub contact_phone: String,
    pub signer_user_id: UserId,
    pub signer_name: String,
    pub for_instance_id: Option<i64>,
    pub stage: RequestStage,
    pub version: i32,
    /// The workflow instance (none while a draft).
    pub instance_id: Option<i64>,
    pub instance_version: Option<i32>,
    pub status: Option<InstanceStatus>,
    pub outcome: Option<Outcome>,
    pub step: Option<i32>,
    pub due_on: Option<NaiveDate>,
    pub timeline: Vec<StepProgress>,
    pub history: Vec<EventView>,
    pub documents: Vec<SealedDocument>,
    pub archive: Option<ArchiveView>,
    /// The caller may edit the draft and submit it (step 1).
    pub can_edit: bool,
    /// The caller may do the current step.
    pub can_act: bool,
    pub can_archive: bool,
}

/// `POST /requests/{id}/steps/{step}` at the 批复 step: the reply's text (the template's reply
/// body filled in when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyPreview {
    pub title: String,
    pub body: String,
}

/// A signer the draft may name: officials of the drafting org.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignerOption {
    pub user_id: UserId,
    pub name: String,
    pub role: String,
}

/// `GET /requests/compose?org_id=`: what a draft for that org needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComposeInfo {
    pub org: OrgName,
    /// The 主送机关 (the upper org).
    pub to_org: OrgName,
    pub signers: Vec<SignerOption>,
    pub templates: Vec<RequestTemplate>,
}

/// `POST /requests/preview`: a draft's title and body as they will be printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftPreview {
    pub title: String,
    pub body: String,
    /// Placeholders still without a value.
    pub missing: Vec<String>,
}

pub use super::request_records::*;
