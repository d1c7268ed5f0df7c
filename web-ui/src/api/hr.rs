//! HR master-data sync.
use gloo_net::http::Request;
use shared::api::hr::{ConnectorView, JobRowsQuery, SyncJobView, SyncRowView};
use shared::api::{Page, PageQuery};
use shared::{ConnectorId, JobId};

use super::client::{ApiError, send, url, url_with};

pub async fn jobs() -> Result<Page<SyncJobView>, ApiError> {
    send(Request::get(&url_with("/hr/jobs", &PageQuery::first(50))).build()).await
}

pub async fn job(id: JobId) -> Result<SyncJobView, ApiError> {
    send(Request::get(&url(&format!("/hr/jobs/{id}"))).build()).await
}

pub async fn rows(id: JobId, query: &JobRowsQuery) -> Result<Page<SyncRowView>, ApiError> {
    send(Request::get(&url_with(&format!("/hr/jobs/{id}/rows"), query)).build()).await
}

pub async fn apply(id: JobId) -> Result<SyncJobView, ApiError> {
    send(Request::post(&url(&format!("/hr/jobs/{id}/apply"))).build()).await
}

pub async fn discard(id: JobId) -> Result<SyncJobView, ApiError> {
    send(Request::post(&url(&format!("/hr/jobs/{id}/discard"))).build()).await
}

pub async fn import(file: web_sys::File, full_roster: bool) -> Result<SyncJobView, ApiError> {
    let name = file.name();
    let query = [("file_name", name.as_str()), ("full_roster", if full_roster { "true" } else { "false" })];
    let request = Request::post(&url("/hr/imports"))
        .query(query)
        .header("content-type", "application/octet-stream")
        .body(wasm_bindgen::JsValue::from(file));
    send(request).await
}

pub async fn connectors() -> Result<Vec<ConnectorView>, ApiError> {
    send(Request::get(&url("/hr/connectors")).build()).await
}

pub async fn pull(id: ConnectorId) -> Result<SyncJobView, ApiError> {
    send(Request::post(&url(&format!("/hr/connectors/{id}/pull"))).build()).await
}
