//! `POST /notices/preview` and `POST /notices`.

use actix_web::{HttpResponse, post, web};
use shared::api::notify::{NoticePreview, NoticeRequest, NoticeSent};
use shared::error::ErrorBody;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::state::AppState;

/// Who a notice would reach and what its SMS would cost; nothing is sent.
#[utoipa::path(tag = "notifications", request_body = NoticeRequest, responses((status = 200, body = NoticePreview), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/notices/preview")]
pub async fn preview(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<NoticeRequest>,
) -> Result<web::Json<NoticePreview>, ApiError> {
    Ok(web::Json(state.db.read(move |conn| super::preview(conn, &actor, &body)).await?))
}

/// Sends a notice: in-app to recipients with a login, SMS to those with a mobile number.
#[utoipa::path(tag = "notifications", request_body = NoticeRequest, responses((status = 201, body = NoticeSent), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/notices")]
pub async fn send(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<NoticeRequest>,
) -> Result<HttpResponse, ApiError> {
    let sent = state.db.write(move |conn| super::send(conn, &actor, &body)).await?;
    state.wake_outbox();
    Ok(HttpResponse::Created().json(sent))
}
