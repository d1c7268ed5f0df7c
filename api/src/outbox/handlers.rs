//! 政工部门 only: the delivery log (every message, its state and attempts) and resending a
//! dead letter.

use std::collections::HashMap;

use actix_web::{get, post, web};
use shared::api::outbox::{AttemptView, OutboxDetail, OutboxMessageView, OutboxQuery, OutboxStatusView};
use shared::api::{Page, PageQuery};
use shared::error::{ErrorBody, ErrorCode};
use shared::permissions::{Action, Scope};

use super::models::OutboxRow;
use super::{Channel, repo};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::state::AppState;

/// The log spans every org: only a grant over the whole institution (政工部门) may see it.
fn require_admin(actor: &Actor) -> Result<(), ApiError> {
    match actor.require_action(Action::ManageOutbox)? {
        Scope::Everything => Ok(()),
        _ => Err(ApiError::forbidden("当前角色无权进行此操作")),
    }
}

/// Rows with their recipients' names and providers' ids, in two queries for the whole page.
fn views(conn: &mut DbConnection, rows: &[OutboxRow]) -> Result<Vec<OutboxMessageView>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let users: Vec<i64> = rows.iter().filter_map(|r| r.recipient_user_id).collect();
    let people: Vec<i64> = rows.iter().filter_map(|r| r.recipient_person_id).collect();
    let (users, people) = repo::recipient_names(conn, &users, &people)?;
    let (users, people): (HashMap<_, _>, HashMap<_, _>) = (users.into_iter().collect(), people.into_iter().collect());
    let provider: HashMap<i64, Option<String>> = repo::provider_ids(conn, &ids)?.into_iter().collect();
    Ok(rows
        .iter()
        .map(|r| {
            let name = r
                .recipient_user_id
                .and_then(|u| users.get(&u).cloned())
                .or_else(|| r.recipient_person_id.and_then(|p| people.get(&p).cloned()));
            r.view(name, provider.get(&r.id).cloned().flatten())
        })
        .collect())
}

/// The delivery log, newest first, by status and channel.
#[utoipa::path(tag = "outbox", params(OutboxQuery, PageQuery), responses((status = 200, body = Page<OutboxMessageView>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/outbox")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<OutboxQuery>,
) -> Result<web::Json<Page<OutboxMessageView>>, ApiError> {
    require_admin(&actor)?;
    let query = query.into_inner();
    if let Some(status) = query.status.as_deref().filter(|s| ![repo::PENDING, repo::DELIVERED, repo::DEAD].contains(s))
    {
        return Err(ApiError::bad_request("status", &format!("投递状态无效：{status}")));
    }
    if let Some(channel) = query.channel.as_deref().filter(|c| Channel::from_code(c).is_none()) {
        return Err(ApiError::bad_request("channel", &format!("渠道无效：{channel}")));
    }
    let keyset = Keyset::of(&query.page)?;
    let (status, channel) = (query.status, query.channel);
    let items = state
        .db
        .read(move |conn| {
            let rows = repo::list(conn, status.as_deref(), channel.as_deref(), keyset.after, keyset.fetch())?;
            views(conn, &rows)
        })
        .await?;
    // Newest first: the cursor is the last id shown, and the next page has smaller ids.
    Ok(web::Json(keyset.page(items, |m| m.id)))
}

/// One message with every delivery attempt.
#[utoipa::path(tag = "outbox", params(("id" = i64, Path)), responses((status = 200, body = OutboxDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/outbox/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<OutboxDetail>, ApiError> {
    require_admin(&actor)?;
    let id = id.into_inner();
    let detail = state
        .db
        .read(move |conn| {
            let row = repo::get(conn, id)?;
            let message = views(conn, std::slice::from_ref(&row))?.pop().ok_or_else(|| ApiError::not_found("消息"))?;
            let attempts = repo::attempt_log(conn, id)?
                .into_iter()
                .map(|(attempt, instance, started, finished, ok, error, provider_message_id)| AttemptView {
                    attempt,
                    instance,
                    started_at: started.and_utc(),
                    finished_at: finished.and_utc(),
                    ok,
                    error,
                    provider_message_id,
                })
                .collect();
            Ok(OutboxDetail { message, attempts })
        })
        .await?;
    Ok(web::Json(detail))
}

/// Queue a dead letter again, with a fresh set of attempts.
#[utoipa::path(tag = "outbox", params(("id" = i64, Path)), responses((status = 200, body = OutboxStatusView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/outbox/{id}/resend")]
pub async fn resend(
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
                return Err(ApiError::new(ErrorCode::InvalidState, "只有投递失败（死信）的消息可以重发"));
            }
            crate::audit::record(conn, Some(&actor), "resend", "outbox", id, Some(&before.last_error), None::<&()>)?;
            let after = repo::get(conn, id)?;
            Ok(OutboxStatusView { id, status: after.status, attempts: after.attempts })
        })
        .await?;
    state.wake_outbox();
    Ok(web::Json(view))
}
