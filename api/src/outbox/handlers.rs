//! 政工部门 only: dead letters and a retry.

use actix_web::{get, post, web};
use serde::Deserialize;
use shared::error::{ErrorBody, ErrorCode};
use shared::permissions::{Action, Scope};

use super::models::{DeadLetterPage, OutboxStatusView};
use super::repo;
use crate::auth::Actor;
use crate::db::pagination::{clamp_limit, decode_cursor, page};
use crate::error::ApiError;
use crate::state::AppState;

/// Dead letters span every org: only a grant over the whole institution (政工部门) may see them.
fn require_admin(actor: &Actor) -> Result<(), ApiError> {
    match actor.require_action(Action::ManageOutbox)? {
        Scope::Everything => Ok(()),
        _ => Err(ApiError::forbidden("当前角色无权进行此操作")),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Messages that failed every delivery attempt, newest first.
#[utoipa::path(tag = "outbox", params(PageQuery), responses((status = 200, body = DeadLetterPage), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/outbox/dead-letters")]
pub async fn dead_letters(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<PageQuery>,
) -> Result<web::Json<DeadLetterPage>, ApiError> {
    require_admin(&actor)?;
    let limit = clamp_limit(query.limit);
    let before = decode_cursor(query.cursor.as_deref())?;
    let rows = state.db.read(move |conn| repo::dead_letters(conn, before, limit + 1)).await?;
    let (rows, next_cursor) = page(rows, limit, |r| r.id);
    Ok(web::Json(DeadLetterPage { items: rows.iter().map(|r| r.dead_letter_view()).collect(), next_cursor }))
}

/// Queue a dead letter again, with a fresh set of attempts.
#[utoipa::path(tag = "outbox", params(("id" = i64, Path)), responses((status = 200, body = OutboxStatusView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/outbox/{id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<OutboxStatusView>, ApiError> {
    require_admin(&actor)?;
    let id = id.into_inner();
    let view = state
        .db
        .write(move |conn| {
            let before = repo::get(conn, id)?;
            if !repo::revive(conn, id)? {
                return Err(ApiError::new(ErrorCode::InvalidState, "只有投递失败（死信）的消息可以重试"));
            }
            crate::audit::record(conn, Some(&actor), "retry", "outbox", id, Some(&before.last_error), None::<&()>)?;
            let after = repo::get(conn, id)?;
            Ok(OutboxStatusView { id, status: after.status, attempts: after.attempts })
        })
        .await?;
    state.wake_outbox();
    Ok(web::Json(view))
}
