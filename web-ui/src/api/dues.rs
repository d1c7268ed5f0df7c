//! Party dues: my dues and paying online, one member's dues for the branch (bases, payments,
//! quarterly consent, reasons), the ledger, the collection report, the trial calculation,
//! 减免党费 cases and the base declaration import.

use gloo_net::http::Request;
use shared::api::Page;
use shared::api::dues::*;
use shared::rules::dues::Standard;

use super::client::{ApiError, send, url, url_with, with_json};

pub async fn mine() -> Result<MemberDues, ApiError> {
    send(Request::get(&url("/dues/me")).build()).await
}

pub async fn member(id: i64) -> Result<MemberDues, ApiError> {
    send(Request::get(&url(&format!("/dues/members/{id}"))).build()).await
}

pub async fn confirm_base(id: i64, version: i32) -> Result<BaseView, ApiError> {
    send(with_json(Request::post(&url(&format!("/dues/me/bases/{id}/confirm"))), &ConfirmInput { version })).await
}

pub async fn create_order(input: &OrderInput) -> Result<OrderView, ApiError> {
    send(with_json(Request::post(&url("/dues/me/orders")), input)).await
}

pub async fn order(id: i64) -> Result<OrderView, ApiError> {
    send(Request::get(&url(&format!("/dues/me/orders/{id}"))).build()).await
}

pub async fn set_base(input: &BaseInput) -> Result<BaseView, ApiError> {
    send(with_json(Request::post(&url("/dues/bases")), input)).await
}

pub async fn set_quarterly(id: i64, allowed: bool) -> Result<MemberDues, ApiError> {
    send(with_json(Request::put(&url(&format!("/dues/members/{id}/quarterly"))), &QuarterlyInput { allowed })).await
}

pub async fn set_reason(id: i64, month: &str, reason: Option<String>) -> Result<MemberDues, ApiError> {
    let path = url(&format!("/dues/members/{id}/months/{month}/reason"));
    send(with_json(Request::put(&path), &ReasonInput { reason })).await
}

pub async fn record_payment(input: &PaymentInput) -> Result<PaymentView, ApiError> {
    send(with_json(Request::post(&url("/dues/payments")), input)).await
}

pub async fn ledger(query: &LedgerQuery) -> Result<LedgerReport, ApiError> {
    send(Request::get(&url_with("/dues/ledger", query)).build()).await
}

pub async fn collection(query: &CollectionQuery) -> Result<CollectionReport, ApiError> {
    send(Request::get(&url_with("/dues/collection", query)).build()).await
}

pub async fn standard(query: &StandardQuery) -> Result<Standard, ApiError> {
    send(Request::get(&url_with("/dues/standard", query)).build()).await
}

/// 党费电子收据 (PDF), a plain link.
pub fn receipt_href(payment: i64) -> String {
    url(&format!("/dues/payments/{payment}/receipt"))
}

/// 年度党费收缴情况表 of an org, `xlsx` or `pdf`, a plain link.
pub fn statement_href(org: i64, year: i32, format: &str) -> String {
    url(&format!("/dues/statement?org_id={org}&year={year}&format={format}"))
}

pub async fn reductions(query: &ReductionQuery) -> Result<Page<ReductionView>, ApiError> {
    send(Request::get(&url_with("/dues/reductions", query)).build()).await
}

/// One case with its history.
pub async fn reduction(id: i64) -> Result<ReductionView, ApiError> {
    send(Request::get(&url(&format!("/dues/reductions/{id}"))).build()).await
}

pub async fn apply_reduction(input: &ReductionInput) -> Result<ReductionView, ApiError> {
    send(with_json(Request::post(&url("/dues/reductions")), input)).await
}

pub async fn decide_reduction(id: i64, input: &ReductionDecision) -> Result<ReductionView, ApiError> {
    send(with_json(Request::post(&url(&format!("/dues/reductions/{id}/decision"))), input)).await
}

/// 党费基数申报模板 (XLSX), a plain link.
pub fn import_template_href() -> String {
    url("/dues/base-imports/template.xlsx")
}

/// Uploads a declaration (the file itself as the body) for `org` (default: the caller's).
pub async fn upload_base_import(file: web_sys::File, org: Option<i64>) -> Result<BaseImportView, ApiError> {
    let name = file.name();
    let org = org.map(|o| o.to_string());
    let mut query = vec![("file_name", name.as_str())];
    if let Some(org) = &org {
        query.push(("org_id", org.as_str()));
    }
    let request = Request::post(&url("/dues/base-imports"))
        .query(query)
        .header("content-type", "application/octet-stream")
        .body(wasm_bindgen::JsValue::from(file));
    send(request).await
}

pub async fn base_import(id: i64) -> Result<BaseImportView, ApiError> {
    send(Request::get(&url(&format!("/dues/base-imports/{id}"))).build()).await
}

pub async fn apply_base_import(id: i64) -> Result<BaseImportView, ApiError> {
    send(Request::post(&url(&format!("/dues/base-imports/{id}/apply"))).build()).await
}
