use actix_web::{get, web};
use serde::Deserialize;
use shared::permissions::Action;

use shared::api::audit::AuditPage;
use shared::error::ErrorBody;

use super::repo;
use crate::auth::Actor;
use crate::db::pagination::{clamp_limit, decode_cursor, page};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// org, person, user …
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The audit log, newest first. 政工部门 only.
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/audit")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<AuditPage>, ApiError> {
    actor.require_action(Action::ViewAudit)?;
    let limit = clamp_limit(query.limit);
    let before = decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let rows = state
        .db
        .read(move |conn| repo::list(conn, query.entity.as_deref(), query.entity_id, before, limit + 1))
        .await?;
    let (items, next_cursor) = page(rows, limit, |e| e.id.0);
    Ok(web::Json(AuditPage { items, next_cursor }))
}
