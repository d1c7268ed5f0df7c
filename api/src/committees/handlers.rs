//! `/api/v1/orgs/{id}/committee`: the committee and its term, the upper org's appointment, and
//! a member leaving the post.

use actix_web::{HttpResponse, get, post, web};
use shared::api::elections::{Appointment, CommitteeView, PostLeave};
use shared::error::ErrorBody;

use super::service;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::state::AppState;

async fn view_of(state: &AppState, actor: Actor, org: i64) -> Result<CommitteeView, ApiError> {
    let (rules, today) = (state.config.election_rules.clone(), state.clock.today());
    state.db.read(move |conn| service::view(conn, &actor, &rules, today, org)).await
}

/// The org's committee (or 书记 and 副书记), its term, composition checks and vacancies.
#[utoipa::path(tag = "elections", params(("id" = i64, Path)), responses((status = 200, body = CommitteeView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/orgs/{id}/committee")]
pub async fn committee(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<CommitteeView>, ApiError> {
    Ok(web::Json(view_of(&state, actor, id.into_inner()).await?))
}

/// The upper org appoints a 书记 or 副书记 (上级任命); the post ends with the committee's term.
#[utoipa::path(tag = "elections", params(("id" = i64, Path)), request_body = Appointment, responses((status = 201, body = CommitteeView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/orgs/{id}/committee/appointments")]
pub async fn appoint(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<Appointment>,
) -> Result<HttpResponse, ApiError> {
    let (id, rules, today, who) =
        (id.into_inner(), state.config.election_rules.clone(), state.clock.today(), actor.clone());
    state.db.write(move |conn| service::appoint(conn, &who, &rules, today, id, &body)).await?;
    Ok(HttpResponse::Created().json(view_of(&state, actor, id).await?))
}

/// A member leaves the post before the term ends (退休、调离、处分): the seat becomes vacant.
#[utoipa::path(tag = "elections", params(("id" = i64, Path), ("member_id" = i64, Path)), request_body = PostLeave, responses((status = 200, body = CommitteeView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/orgs/{id}/committee/{member_id}/leave")]
pub async fn leave(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, i64)>,
    body: web::Json<PostLeave>,
) -> Result<web::Json<CommitteeView>, ApiError> {
    let ((org, seat), today, who) = (path.into_inner(), state.clock.today(), actor.clone());
    state.db.write(move |conn| service::leave(conn, &who, today, org, seat, &body)).await?;
    Ok(web::Json(view_of(&state, actor, org).await?))
}
