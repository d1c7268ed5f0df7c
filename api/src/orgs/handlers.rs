//! HTTP handlers of the orgs feature.

use actix_web::{HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::api::orgs::*;
use shared::error::ErrorBody;

use super::service;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TreeQuery {
    /// Omit for the caller's top org.
    pub parent_id: Option<i64>,
}

/// Children of an org with member counts of each subtree (the tree browser).
#[utoipa::path(tag = "orgs", params(TreeQuery), responses((status = 200, body = OrgChildren), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/orgs/tree")]
pub async fn tree(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<TreeQuery>,
) -> Result<web::Json<OrgChildren>, ApiError> {
    let parent_id = query.parent_id;
    Ok(web::Json(state.db.read(move |conn| service::children(conn, &actor, parent_id)).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SearchQuery {
    /// Part of the org's name.
    pub q: String,
    pub limit: Option<i64>,
}

/// Orgs within the caller's reach whose name contains `q`.
#[utoipa::path(tag = "orgs", params(SearchQuery), responses((status = 200, body = Vec<OrgSearchHit>)), security(("bearer" = [])))]
#[get("/orgs/search")]
pub async fn search(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<SearchQuery>,
) -> Result<web::Json<Vec<OrgSearchHit>>, ApiError> {
    let limit = query.limit.unwrap_or(20).clamp(1, 100);
    let text = query.into_inner().q;
    Ok(web::Json(state.db.read(move |conn| service::search(conn, &actor, &text, limit)).await?))
}

#[utoipa::path(tag = "orgs", params(("id" = i64, Path)), responses((status = 200, body = OrgView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/orgs/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<OrgView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| service::get(conn, &actor, id)).await?))
}

#[utoipa::path(tag = "orgs", request_body = CreateOrgRequest, responses((status = 201, body = OrgView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/orgs")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<CreateOrgRequest>,
) -> Result<HttpResponse, ApiError> {
    let view = state.db.write(move |conn| service::create(conn, &actor, &body)).await?;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(tag = "orgs", params(("id" = i64, Path)), request_body = UpdateOrgRequest, responses((status = 200, body = OrgView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/orgs/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<UpdateOrgRequest>,
) -> Result<web::Json<OrgView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::update(conn, &actor, id, &body)).await?))
}

/// Dissolve (撤销) an org that no longer has active children or people.
#[utoipa::path(tag = "orgs", params(("id" = i64, Path)), request_body = DissolveOrgRequest, responses((status = 200, body = OrgView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/orgs/{id}/dissolve")]
pub async fn dissolve(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<DissolveOrgRequest>,
) -> Result<web::Json<OrgView>, ApiError> {
    let (id, today) = (id.into_inner(), state.clock.today());
    Ok(web::Json(state.db.write(move |conn| service::dissolve(conn, &actor, today, id, &body)).await?))
}

/// Move an org (with everything under it) under another parent.
#[utoipa::path(tag = "orgs", params(("id" = i64, Path)), request_body = MoveOrgRequest, responses((status = 200, body = OrgView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/orgs/{id}/move")]
pub async fn move_org(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<MoveOrgRequest>,
) -> Result<web::Json<OrgView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::move_org(conn, &actor, id, &body)).await?))
}
