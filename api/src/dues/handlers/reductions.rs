//! 减免党费: apply, follow, and decide (党支部研究, 党委批准).

use actix_web::{HttpResponse, get, post, web};
use shared::api::Page;
use shared::api::dues::{ReductionDecision, ReductionInput, ReductionQuery, ReductionView};
use shared::error::ErrorBody;

use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::dues::reduction;
use crate::error::ApiError;
use crate::state::AppState;

/// A member applies to pay less or nothing from a month on (or the branch files it for them).
#[utoipa::path(tag = "dues", request_body = ReductionInput, responses((status = 201, body = ReductionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/reductions")]
pub async fn apply(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<ReductionInput>,
) -> Result<HttpResponse, ApiError> {
    let today = state.clock.today();
    let view = state.db.write(move |conn| reduction::apply(conn, &actor, today, &input)).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Reduction cases within reach (a member sees their own).
#[utoipa::path(tag = "dues", params(ReductionQuery, shared::api::PageQuery), responses((status = 200, body = Page<ReductionView>), (status = 400, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/reductions")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ReductionQuery>,
) -> Result<web::Json<Page<ReductionView>>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let today = state.clock.today();
    let finished = query.include_finished.unwrap_or(false);
    let person = query.person_id;
    let rows = state
        .db
        .read(move |conn| reduction::list(conn, &actor, today, person, finished, keyset.after, keyset.fetch()))
        .await?;
    Ok(web::Json(keyset.page(rows, |r| r.id)))
}

/// One case with its history.
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), responses((status = 200, body = ReductionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/reductions/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<ReductionView>, ApiError> {
    let (today, id) = (state.clock.today(), id.into_inner());
    Ok(web::Json(state.db.read(move |conn| reduction::view(conn, &actor, today, id)).await?))
}

/// The decision on the current step: the branch studies it, then the 党委 approves (the ledger
/// follows from the first month) or not (a comment is required).
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), request_body = ReductionDecision, responses((status = 200, body = ReductionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/reductions/{id}/decision")]
pub async fn decide(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    input: web::Json<ReductionDecision>,
) -> Result<web::Json<ReductionView>, ApiError> {
    let (today, id) = (state.clock.today(), id.into_inner());
    Ok(web::Json(state.db.write(move |conn| reduction::decide(conn, &actor, today, id, &input)).await?))
}
