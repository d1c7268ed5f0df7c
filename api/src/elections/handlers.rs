//! `/api/v1/elections`: start, list, one case, the structured steps (candidates, ballots,
//! posts), the 请示 and approval steps, the subtree's terms, and the election documents.

use actix_web::{HttpResponse, get, post, web};
use shared::api::Page;
use shared::api::elections::{
    BallotEntry, ElectionAct, ElectionDetail, ElectionQuery, ElectionView, Nomination, PostsEntry, RoundView,
    StartElection, TermQuery, TermRow,
};
use shared::error::ErrorBody;

use super::{service, views, voting};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::state::AppState;

async fn detail_of(state: &AppState, actor: Actor, id: i64) -> Result<ElectionDetail, ApiError> {
    let (rules, today) = (state.config.election_rules.clone(), state.clock.today());
    state.db.read(move |conn| views::detail(conn, &actor, &rules, today, id)).await
}

/// Elections of the orgs within reach, newest first.
#[utoipa::path(tag = "elections", params(ElectionQuery, shared::api::PageQuery), responses((status = 200, body = Page<ElectionView>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/elections")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ElectionQuery>,
) -> Result<web::Json<Page<ElectionView>>, ApiError> {
    let rules = state.config.election_rules.clone();
    let query = query.into_inner();
    Ok(web::Json(state.db.read(move |conn| views::list(conn, &actor, &rules, &query)).await?))
}

/// Committee terms across the subtree: 半年内届满, 已届满, 任期内 or 未设任期.
#[utoipa::path(tag = "elections", params(TermQuery, shared::api::PageQuery), responses((status = 200, body = Page<TermRow>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/elections/terms")]
pub async fn terms(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<TermQuery>,
) -> Result<web::Json<Page<TermRow>>, ApiError> {
    let today = state.clock.today();
    let query = query.into_inner();
    Ok(web::Json(state.db.read(move |conn| views::terms(conn, &actor, today, &query)).await?))
}

/// Starts a 换届, a 增补 or the founding of a branch (after the committee decided).
#[utoipa::path(tag = "elections", request_body = StartElection, responses((status = 201, body = ElectionDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/elections")]
pub async fn start(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<StartElection>,
) -> Result<HttpResponse, ApiError> {
    let (rules, today) = (state.config.election_rules.clone(), state.clock.today());
    let who = actor.clone();
    let id = state.db.write(move |conn| service::start(conn, &who, &rules, today, &body)).await?;
    state.wake_outbox();
    Ok(HttpResponse::Created().json(detail_of(&state, actor, id).await?))
}

#[utoipa::path(tag = "elections", params(("id" = i64, Path)), responses((status = 200, body = ElectionDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/elections/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<ElectionDetail>, ApiError> {
    Ok(web::Json(detail_of(&state, actor, id.into_inner()).await?))
}

/// The 候选人预备人选 (差额 ≥ 20% at a 换届), listed in 姓氏笔画 order.
#[utoipa::path(tag = "elections", params(("id" = i64, Path)), request_body = Nomination, responses((status = 200, body = ElectionDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/elections/{id}/candidates")]
pub async fn candidates(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<Nomination>,
) -> Result<web::Json<ElectionDetail>, ApiError> {
    let (id, rules, today, who) =
        (id.into_inner(), state.config.election_rules.clone(), state.clock.today(), actor.clone());
    state.db.write(move |conn| voting::nominate(conn, &who, &rules, today, id, &body)).await?;
    state.wake_outbox();
    Ok(web::Json(detail_of(&state, actor, id).await?))
}

/// One round's count at the 党员大会: per candidate or ballot by ballot. Quorum (> 4/5 of the
/// entitled), ballots (returned ≤ issued, each marking ≤ the seats) and the result (> half of
/// those present) are checked; `preview` counts without saving.
#[utoipa::path(tag = "elections", params(("id" = i64, Path)), request_body = BallotEntry, responses((status = 200, body = RoundView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/elections/{id}/ballots")]
pub async fn ballots(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<BallotEntry>,
) -> Result<web::Json<RoundView>, ApiError> {
    let (id, rules, today) = (id.into_inner(), state.config.election_rules.clone(), state.clock.today());
    let round = state.db.write(move |conn| voting::ballots(conn, &actor, &rules, today, id, &body)).await?;
    state.wake_outbox();
    Ok(web::Json(round))
}

/// The committee's first meeting: 书记, 副书记 and each member's post.
#[utoipa::path(tag = "elections", params(("id" = i64, Path)), request_body = PostsEntry, responses((status = 200, body = ElectionDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/elections/{id}/posts")]
pub async fn posts(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<PostsEntry>,
) -> Result<web::Json<ElectionDetail>, ApiError> {
    let (id, rules, today, who) =
        (id.into_inner(), state.config.election_rules.clone(), state.clock.today(), actor.clone());
    state.db.write(move |conn| voting::posts(conn, &who, &rules, today, id, &body)).await?;
    state.wake_outbox();
    Ok(web::Json(detail_of(&state, actor, id).await?))
}

/// The 请示 steps (once the 批复 is in), the upper org's approval (approve, return, refuse), or
/// ending the case at a 请示 step.
#[utoipa::path(tag = "elections", params(("id" = i64, Path)), request_body = ElectionAct, responses((status = 200, body = ElectionDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/elections/{id}/act")]
pub async fn act(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<ElectionAct>,
) -> Result<web::Json<ElectionDetail>, ApiError> {
    let (id, today, who) = (id.into_inner(), state.clock.today(), actor.clone());
    state.db.write(move |conn| service::act(conn, &who, today, id, &body)).await?;
    state.wake_outbox();
    Ok(web::Json(detail_of(&state, actor, id).await?))
}
