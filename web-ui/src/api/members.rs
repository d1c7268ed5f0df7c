//! Member records.

use gloo_net::http::Request;
use shared::api::Page;
use shared::api::members::{MemberListQuery, MemberSummary, MemberView, UpdateMemberRequest};

use super::client::{ApiError, get_early, send, url, url_with, with_json};

pub async fn members(query: &MemberListQuery) -> Result<Page<MemberSummary>, ApiError> {
    get_early(url_with("/members", query)).await
}

pub async fn member(id: i64) -> Result<MemberView, ApiError> {
    send(Request::get(&url(&format!("/members/{id}"))).build()).await
}

pub async fn update_member(id: i64, body: &UpdateMemberRequest) -> Result<MemberView, ApiError> {
    send(with_json(Request::put(&url(&format!("/members/{id}"))), body)).await
}
