//! The caller's own notification centre: a page of notices with the unread count, and marking
//! them read. Every query is filtered on the caller's user id.

use actix_web::{get, post, web};
use shared::NotificationId;
use shared::api::notify::{MarkRead, NotificationPage, NotificationQuery, NotificationView, UnreadCount};
use shared::error::ErrorBody;

use super::repo;
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::state::AppState;

/// The caller's notifications, newest first, with the number unread.
#[utoipa::path(tag = "notifications", params(NotificationQuery, shared::api::PageQuery), responses((status = 200, body = NotificationPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notifications")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<NotificationQuery>,
) -> Result<web::Json<NotificationPage>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let user = actor.user_id.0;
    let unread_only = query.unread_only.unwrap_or(false);
    let (rows, unread_count) = state
        .db
        .read(move |conn| {
            let rows = repo::page(conn, user, unread_only, keyset.after, keyset.fetch())?;
            Ok((rows, repo::unread_count(conn, user)?))
        })
        .await?;
    let page = keyset.page(rows, |r| r.0);
    Ok(web::Json(NotificationPage {
        items: page
            .items
            .into_iter()
            .map(|(id, title, body, link, created_at, read_at)| NotificationView {
                id: NotificationId(id),
                title,
                body,
                link,
                created_at: created_at.and_utc(),
                read: read_at.is_some(),
            })
            .collect(),
        next_cursor: page.next_cursor,
        unread_count,
    }))
}

/// Marks the listed notifications (or with `all`, every one) read; returns the unread count.
#[utoipa::path(tag = "notifications", request_body = MarkRead, responses((status = 200, body = UnreadCount), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[post("/notifications/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<MarkRead>,
) -> Result<web::Json<UnreadCount>, ApiError> {
    let body = body.into_inner();
    if !body.all && body.ids.is_empty() {
        return Err(ApiError::bad_request("ids", "请选择要标记为已读的通知"));
    }
    if body.ids.len() > shared::api::page::MAX_PAGE_LIMIT as usize {
        return Err(ApiError::bad_request("ids", "一次最多标记 200 条"));
    }
    let user = actor.user_id.0;
    let unread_count = state
        .db
        .write(move |conn| {
            let ids: Vec<i64> = body.ids.iter().map(|id| id.0).collect();
            repo::mark_read(conn, user, (!body.all).then_some(ids.as_slice()))?;
            repo::unread_count(conn, user)
        })
        .await?;
    Ok(web::Json(UnreadCount { unread_count }))
}
