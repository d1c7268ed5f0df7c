//! HTTP handlers of organisational life.

mod attendance;
mod record;
mod reports;

pub use attendance::*;
pub use record::*;
pub use reports::*;

use actix_web::{HttpResponse, get, post, web};
use shared::api::meetings::*;
use shared::api::{Page, PageQuery};
use shared::error::ErrorBody;
use shared::permissions::Action;

use super::{repo, service};
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::state::AppState;

/// Plan a meeting; the expected attendees get a notice at once.
#[utoipa::path(tag = "meetings", request_body = PlanMeetingRequest, responses((status = 201, body = MeetingView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings")]
pub async fn plan_meeting(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<PlanMeetingRequest>,
) -> Result<HttpResponse, ApiError> {
    let view = state.db.write(move |conn| service::plan(conn, &actor, &body)).await?;
    state.wake_outbox();
    Ok(HttpResponse::Created().json(view))
}

/// Meetings of an org subtree (for those who run them).
#[utoipa::path(
    tag = "meetings",
    params(MeetingListQuery, PageQuery),
    responses(
        (status = 200, body = Page<MeetingSummary>),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = []))
)]
#[get("/meetings")]
pub async fn list_meetings(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<MeetingListQuery>,
) -> Result<web::Json<Page<MeetingSummary>>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let items = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id).0)?;
            actor.require(Action::RunMeetings, &org.path)?;
            let rows = repo::list(conn, &org.path, query.from, query.to, query.kind, keyset.after, keyset.fetch())?;
            service::summaries(conn, &rows.iter().collect::<Vec<_>>())
        })
        .await?;
    Ok(web::Json(keyset.page(items, |m| m.id.0)))
}

/// A meeting: details, attendees (all for those who run it, oneself for an attendee), quorum, record.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}")]
pub async fn meeting_detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| service::view(conn, &actor, id)).await?))
}
