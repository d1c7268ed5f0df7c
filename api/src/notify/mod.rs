//! In-app notifications. Written in the same transaction as the event they report; the
//! notifications feature will add SMS/email delivery through an outbox.

use actix_web::{get, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::RoleKind;
use shared::api::notify::NotificationView;
use shared::error::ErrorBody;

use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{notifications, role_assignments};
use crate::error::ApiError;
use crate::state::AppState;

/// Notifies every holder of a 政工部门 role.
pub fn notify_department(conn: &mut DbConnection, title: &str, body: &str, link: Option<&str>) -> Result<(), ApiError> {
    let users: Vec<i64> = role_assignments::table
        .filter(role_assignments::kind.eq(RoleKind::Department.code()).and(role_assignments::revoked_at.is_null()))
        .select(role_assignments::user_id)
        .distinct()
        .load(conn)?;
    for user_id in users {
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
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(user_id),
            notifications::title.eq(title),
            notifications::body.eq(body),
            notifications::link.eq(link),
            notifications::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The caller's latest notifications, newest first.
#[utoipa::path(tag = "notifications", responses((status = 200, body = Vec<NotificationView>), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notifications")]
pub async fn list(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<Vec<NotificationView>>, ApiError> {
    // (id, title, body, link, created_at, read_at)
    type Row = (i64, String, String, Option<String>, NaiveDateTime, Option<NaiveDateTime>);
    let rows: Vec<Row> = state
        .db
        .read(move |conn| {
            Ok(notifications::table
                .filter(notifications::user_id.eq(actor.user_id.0))
                .order(notifications::id.desc())
                .limit(50)
                .select((
                    notifications::id,
                    notifications::title,
                    notifications::body,
                    notifications::link,
                    notifications::created_at,
                    notifications::read_at,
                ))
                .load(conn)?)
        })
        .await?;
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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(list))]
pub struct NotifyApi;
