//! HTTP handlers of attending: respond, leave decisions, check-in, the host's marks, one's own history.

use actix_web::{HttpRequest, get, post, web};
use shared::api::meetings::*;
use shared::error::ErrorBody;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::meetings::service;
use crate::state::AppState;

/// Confirm attendance or ask for leave (with a reason).
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = RespondRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/respond")]
pub async fn respond(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<RespondRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::respond(conn, &actor, id, &body)).await?))
}

/// Approve or reject a leave request.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = LeaveDecision, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/leave-decisions")]
pub async fn decide_leave(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<LeaveDecision>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::decide_leave(conn, &actor, id, &body)).await?))
}

/// The current check-in code and its QR (rotates every 30 seconds).
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = CheckinCode), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/checkin-code")]
pub async fn checkin_code(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<web::Json<CheckinCode>, ApiError> {
    let id = id.into_inner();
    let base = {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    };
    Ok(web::Json(state.db.write(move |conn| service::checkin_code(conn, &actor, id, &base)).await?))
}

/// Check in with the code from the host's screen.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = CheckinRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/checkin")]
pub async fn check_in(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<CheckinRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::check_in(conn, &actor, id, &body)).await?))
}

/// The host marks someone present or absent.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = MarkAttendanceRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/attendance")]
pub async fn mark_attendance(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<MarkAttendanceRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::mark(conn, &actor, id, &body)).await?))
}

/// The caller's own attendance history.
#[utoipa::path(tag = "meetings", responses((status = 200, body = MyAttendance), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/mine")]
pub async fn my_attendance(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<MyAttendance>, ApiError> {
    let today = state.clock.today();
    Ok(web::Json(state.db.read(move |conn| service::my_attendance(conn, &actor, today)).await?))
}
