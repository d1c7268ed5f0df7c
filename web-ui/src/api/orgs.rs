//! The org tree.

use gloo_net::http::Request;
use shared::api::orgs::{OrgChildren, OrgSearchHit, OrgView};

use super::client::{ApiError, get_early, send, url};

pub async fn org_tree(parent: Option<i64>) -> Result<OrgChildren, ApiError> {
    let path = match parent {
        Some(id) => format!("/orgs/tree?parent_id={id}"),
        None => "/orgs/tree".into(),
    };
    send(Request::get(&url(&path)).build()).await
}

pub async fn org(id: i64) -> Result<OrgView, ApiError> {
    get_early(url(&format!("/orgs/{id}"))).await
}

pub async fn search_orgs(text: &str) -> Result<Vec<OrgSearchHit>, ApiError> {
    send(Request::get(&url("/orgs/search")).query([("q", text), ("limit", "30")]).build()).await
}
