//! 组织关系转接: the cases and desk queues, starting a case, registering an incoming letter, one
//! case, doing its step, the letter PDF.

use gloo_net::http::Request;
use shared::api::Page;
use shared::api::development::StepRequest;
use shared::api::transfers::{IncomingLetter, StartTransfer, TransferDetail, TransferQuery, TransferView};

use super::client::{ApiError, send, url, url_with, with_json};

pub async fn list(query: &TransferQuery) -> Result<Page<TransferView>, ApiError> {
    send(Request::get(&url_with("/transfers", query)).build()).await
}

pub async fn start(input: &StartTransfer) -> Result<TransferDetail, ApiError> {
    send(with_json(Request::post(&url("/transfers")), input)).await
}

pub async fn register_incoming(input: &IncomingLetter) -> Result<TransferDetail, ApiError> {
    send(with_json(Request::post(&url("/transfers/incoming")), input)).await
}

pub async fn detail(id: i64) -> Result<TransferDetail, ApiError> {
    send(Request::get(&url(&format!("/transfers/{id}"))).build()).await
}

pub async fn act(id: i64, step: i32, body: &StepRequest) -> Result<TransferDetail, ApiError> {
    send(with_json(Request::post(&url(&format!("/transfers/{id}/steps/{step}"))), body)).await
}

/// The case's current letter (介绍信, 证明信 or 活动证) as a PDF, a plain link.
pub fn letter_href(id: i64) -> String {
    url(&format!("/transfers/{id}/letter.pdf"))
}

/// Branches anywhere in the institution that can take a member, by name.
pub async fn branches(text: &str) -> Result<Vec<shared::api::orgs::OrgSearchHit>, ApiError> {
    send(Request::get(&url("/transfers/branches")).query([("q", text), ("limit", "30")]).build()).await
}
