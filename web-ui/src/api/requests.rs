//! 请示/批复: the desk lists, drafting (compose info, live preview, save), one request and its
//! steps, the 批复 draft, archiving, the 档案, the templates, and the approver's SMS link.

use gloo_net::http::Request;
use shared::api::Page;
use shared::api::development::StepRequest;
use shared::api::requests::{
    ArchiveQuery, ArchiveView, ComposeInfo, DraftInput, ReplyPreview, RequestDetail, RequestQuery, RequestTemplate,
    RequestView, SmsApprovalView, SmsDecision, TemplateInput,
};

use super::client::{ApiError, send, url, url_with, with_json};

pub async fn list(query: &RequestQuery) -> Result<Page<RequestView>, ApiError> {
    send(Request::get(&url_with("/requests", query)).build()).await
}

/// What a draft of `org` needs (the active role's org when none is named).
pub async fn compose(org: Option<i64>) -> Result<ComposeInfo, ApiError> {
    let path = match org {
        Some(org) => format!("/requests/compose?org_id={org}"),
        None => "/requests/compose".to_string(),
    };
    send(Request::get(&url(&path)).build()).await
}

/// What the drafting page reads of a saved request (the full `RequestDetail` is much more code
/// to deserialise, and the `request_new` area is budgeted separately).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct DraftSource {
    pub id: i64,
    pub template: RequestTemplate,
    pub org: shared::api::requests::OrgName,
    pub cc: Vec<shared::api::requests::OrgName>,
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub body: String,
    pub attachments: Vec<String>,
    pub contact: String,
    pub contact_phone: String,
    pub signer_user_id: shared::UserId,
    pub for_instance_id: Option<i64>,
    pub version: i32,
    pub can_edit: bool,
}

/// The id of a saved draft.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Saved {
    pub id: i64,
}

pub async fn create(input: &DraftInput) -> Result<Saved, ApiError> {
    send(with_json(Request::post(&url("/requests")), input)).await
}

pub async fn update(id: i64, input: &DraftInput) -> Result<Saved, ApiError> {
    send(with_json(Request::put(&url(&format!("/requests/{id}"))), input)).await
}

pub async fn draft_source(id: i64) -> Result<DraftSource, ApiError> {
    send(Request::get(&url(&format!("/requests/{id}"))).build()).await
}

pub async fn detail(id: i64) -> Result<RequestDetail, ApiError> {
    send(Request::get(&url(&format!("/requests/{id}"))).build()).await
}

pub async fn act(id: i64, step: i32, body: &StepRequest) -> Result<RequestDetail, ApiError> {
    send(with_json(Request::post(&url(&format!("/requests/{id}/steps/{step}"))), body)).await
}

/// The 批复's text as the template words it, to start from.
pub async fn reply_draft(id: i64) -> Result<ReplyPreview, ApiError> {
    send(Request::get(&url(&format!("/requests/{id}/reply-draft"))).build()).await
}

pub async fn archive(id: i64) -> Result<ArchiveView, ApiError> {
    send(Request::post(&url(&format!("/requests/{id}/archive"))).build()).await
}

pub async fn archives(query: &ArchiveQuery) -> Result<Page<ArchiveView>, ApiError> {
    send(Request::get(&url_with("/archive", query)).build()).await
}

pub async fn templates() -> Result<Vec<RequestTemplate>, ApiError> {
    send(Request::get(&url("/requests/templates")).build()).await
}

pub async fn save_template(input: &TemplateInput) -> Result<RequestTemplate, ApiError> {
    send(with_json(Request::post(&url("/requests/templates")), input)).await
}

fn sms_path(token: &str) -> String {
    let token: String = token.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    url(&format!("/requests/sms/{token}"))
}

pub async fn sms_view(token: &str) -> Result<SmsApprovalView, ApiError> {
    send(Request::get(&sms_path(token)).build()).await
}

pub async fn sms_decide(token: &str, decision: &SmsDecision) -> Result<SmsApprovalView, ApiError> {
    send(with_json(Request::post(&sms_path(token)), decision)).await
}
