//! In-app notifications, written in the same transaction as the event they report (through
//! the outbox's in-app channel, or directly for notices to the 政工部门).

pub mod repo;
pub mod sms;

use actix_web::{get, web};
use shared::api::notify::NotificationView;
use shared::error::ErrorBody;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::state::AppState;

/// Notifies every holder of a 政工部门 role.
pub fn notify_department(conn: &mut DbConnection, title: &str, body: &str, link: Option<&str>) -> Result<(), ApiError> {
    for user_id in repo::department_users(conn)? {
        notify_user(conn, user_id, title, body, link)?;
    }
    Ok(())
}

pub fn notify_user(
    conn: &mut DbConnection,
    user_id: i64,
    title: &str,
    body: &str,
    link: Option<&str>,
) -> Result<(), ApiError> {
    repo::insert(conn, user_id, title, body, link)
}

/// The caller's latest notifications, newest first.
#[utoipa::path(tag = "notifications", responses((status = 200, body = Vec<NotificationView>), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notifications")]
pub async fn list(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<Vec<NotificationView>>, ApiError> {
    let rows = state.db.read(move |conn| repo::latest(conn, actor.user_id.0, 50)).await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|(id, title, body, link, created_at, read_at)| NotificationView {
                id: shared::NotificationId(id),
                title,
                body,
                link,
                created_at: created_at.and_utc(),
                read: read_at.is_some(),
            })
            .collect(),
    ))
}

feature_routes!(NotifyApi { list });
