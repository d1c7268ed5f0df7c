//! 组织关系转接: the cases and desk queues, starting a case, registering an incoming letter, one
//! case, doing its step, the letter PDF; 整建制转接 (a batch started, listed and acted on as one).

use gloo_net::http::Request;
use shared::api::development::StepRequest;
use shared::api::transfers::{
    BatchStep, IncomingLetter, StartBatch, StartTransfer, TransferDetail, TransferQuery, TransferView,
};
use shared::api::{Page, PageQuery};

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

/// 整建制转接: a case for every current member of a branch or party group, as one batch.
pub async fn start_batch(input: &StartBatch) -> Result<Vec<TransferView>, ApiError> {
    send(with_json(Request::post(&url("/transfers/batches")), input)).await
}

/// Every case of a batch (finished ones too), newest first; at most 500, in pages of 200.
pub async fn batch(id: i64) -> Result<Vec<TransferView>, ApiError> {
    let mut cases = Vec::new();
    let mut cursor = None;
    loop {
        let query = TransferQuery {
            batch_id: Some(id),
            include_finished: Some(true),
            page: PageQuery::after(200, cursor),
            ..Default::default()
        };
        let page = list(&query).await?;
        cases.extend(page.items);
        match page.next_cursor {
            Some(next) if cases.len() < 500 => cursor = Some(next),
            _ => return Ok(cases),
        }
    }
}

/// The same step for every open case of the batch at that step: all or none.
pub async fn act_batch(batch: i64, step: i32, body: &BatchStep) -> Result<Vec<TransferView>, ApiError> {
    send(with_json(Request::post(&url(&format!("/transfers/batches/{batch}/steps/{step}"))), body)).await
}
