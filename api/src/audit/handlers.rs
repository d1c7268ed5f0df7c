use actix_web::{get, web};
use shared::api::audit::{AuditEntry, AuditQuery};
use shared::api::{Page, PageQuery};
use shared::error::ErrorBody;
use shared::permissions::Action;

use super::repo;
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::state::AppState;

/// The audit log, newest first. 政工部门 only.
#[utoipa::path(
    tag = "audit",
    params(AuditQuery, PageQuery),
    responses(
        (status = 200, body = Page<AuditEntry>),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)
    ),
    security(("bearer" = []))
)]
#[get("/audit")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<Page<AuditEntry>>, ApiError> {
    actor.require_action(Action::ViewAudit)?;
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let rows = state
        .db
        .read(move |conn| repo::list(conn, query.entity.as_deref(), query.entity_id, keyset.after, keyset.fetch()))
        .await?;
    Ok(web::Json(keyset.page(rows, |e| e.id.0)))
}
