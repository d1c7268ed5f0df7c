//! The routes that work without a session: the public check of a sealed document (JSON under
//! `/api/v1/verify`, a page at `/verify/doc/{code}`), the SMS approval link, and the SMS
//! provider's signed inbound callback. Also the 档案 list and package download.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::api::Page;
use shared::api::requests::{
    ArchiveQuery, ArchiveView, SmsApprovalView, SmsDecision, SmsInbound, SmsInboundResult, VerifyResult,
};
use shared::error::ErrorBody;

use super::handlers::with_desk;
use super::{archive, sms, verify};
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::files::FileStore;
use crate::state::AppState;

/// A PDF held by the checker: 20 MB at most.
const HELD_LIMIT: usize = 20 * 1024 * 1024;

/// Checks the stored document: 有效 (`valid`) or 已被篡改 (`tampered`), issuer, number, time.
#[utoipa::path(tag = "verify", params(("code" = String, Path)), responses((status = 200, body = VerifyResult), (status = 404, body = ErrorBody)))]
#[get("/verify/{code}")]
pub async fn verify_stored(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<web::Json<VerifyResult>, ApiError> {
    let store = FileStore::new(&state.config, state.db.clone());
    let code = code.into_inner();
    Ok(web::Json(state.db.read(move |conn| verify::check(conn, &store, &code, None)).await?))
}

/// Checks a PDF someone holds (the request body) against the document's signature.
#[utoipa::path(tag = "verify", params(("code" = String, Path)), request_body(content = Vec<u8>, content_type = "application/octet-stream"), responses((status = 200, body = VerifyResult), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody)))]
#[post("/verify/{code}")]
pub async fn verify_held(
    state: web::Data<AppState>,
    code: web::Path<String>,
    body: web::Bytes,
) -> Result<web::Json<VerifyResult>, ApiError> {
    if body.len() > HELD_LIMIT {
        return Err(crate::files::upload::too_large(HELD_LIMIT));
    }
    let store = FileStore::new(&state.config, state.db.clone());
    let code = code.into_inner();
    Ok(web::Json(state.db.read(move |conn| verify::check(conn, &store, &code, Some(&body))).await?))
}

/// The page a document's QR code opens (outside `/api`, no script).
#[get("/verify/doc/{code}")]
pub async fn verify_page(state: web::Data<AppState>, code: web::Path<String>) -> HttpResponse {
    let store = FileStore::new(&state.config, state.db.clone());
    let code = code.into_inner();
    let found = state.db.read(move |conn| verify::check(conn, &store, &code, None)).await.ok();
    let status = if found.is_some() { actix_web::http::StatusCode::OK } else { actix_web::http::StatusCode::NOT_FOUND };
    HttpResponse::build(status).content_type("text/html; charset=utf-8").body(verify::page(found.as_ref()))
}

/// What an SMS approval link shows its approver (no login; the token is bound to them).
#[utoipa::path(tag = "requests", params(("token" = String, Path)), responses((status = 200, body = SmsApprovalView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[get("/requests/sms/{token}")]
pub async fn sms_link(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<SmsApprovalView>, ApiError> {
    let token = token.into_inner();
    Ok(web::Json(state.db.read(move |conn| sms::link_view(conn, &token)).await?))
}

/// The approver decides from the link: `approve` or `return` (with a comment); the link is spent.
#[utoipa::path(tag = "requests", params(("token" = String, Path)), request_body = SmsDecision, responses((status = 200, body = SmsApprovalView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[post("/requests/sms/{token}")]
pub async fn sms_decide(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    input: web::Json<SmsDecision>,
) -> Result<web::Json<SmsApprovalView>, ApiError> {
    let token = token.into_inner();
    let t = token.clone();
    with_desk(&state, state.public_base(&req), move |conn, desk| Ok(((), sms::link_decide(conn, desk, &t, &input)?)))
        .await?;
    Ok(web::Json(state.db.read(move |conn| sms::link_view(conn, &token)).await?))
}

/// The sealed 请示 for the link's approver.
#[utoipa::path(tag = "requests", params(("token" = String, Path)), responses((status = 200, description = "PDF"), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[get("/requests/sms/{token}/document.pdf")]
pub async fn sms_document(state: web::Data<AppState>, token: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let (sha, number) = state.db.read(move |conn| sms::link_document(conn, &token)).await?;
    let store = FileStore::new(&state.config, state.db.clone());
    let bytes = web::block(move || store.read(&sha)).await.map_err(ApiError::internal)??;
    Ok(crate::files::download::file(bytes, crate::files::Kind::Pdf.media_type(), &format!("{number}.pdf")))
}

/// The SMS provider's inbound (上行) callback, signed: `X-Sms-Timestamp` and `X-Sms-Signature`
/// (hex HMAC-SHA256 over `timestamp + "\n" + body` with `[sms] inbound_secret`). 403 when
/// forged or stale, 409 when replayed; a reply matching no open approval changes nothing.
#[utoipa::path(tag = "requests", request_body = SmsInbound, responses((status = 200, body = SmsInboundResult), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/sms/inbound")]
pub async fn sms_inbound(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<web::Json<SmsInboundResult>, ApiError> {
    let secret =
        state.config.sms.inbound_secret.clone().ok_or_else(|| ApiError::forbidden("未配置短信上行回调密钥"))?;
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let window = state.config.request_rules.sms_signature_window_secs;
    sms::verify_signature(&secret, &header("X-Sms-Timestamp"), &body, &header("X-Sms-Signature"), window)?;
    let msg: SmsInbound = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request("body", &format!("上行短信格式不正确：{e}")))?;
    let result = with_desk(&state, state.public_base(&req), move |conn, desk| sms::inbound(conn, desk, &msg)).await?;
    Ok(web::Json(result))
}

/// Archived requests within reach (档案), newest first; by year, title or 发文字号.
#[utoipa::path(tag = "requests", params(ArchiveQuery, shared::api::PageQuery), responses((status = 200, body = Page<ArchiveView>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/archive")]
pub async fn archives(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ArchiveQuery>,
) -> Result<web::Json<Page<ArchiveView>>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let rows = state.db.read(move |conn| archive::list(conn, &actor, &query, keyset.after, keyset.fetch())).await?;
    Ok(web::Json(keyset.page(rows, |a| a.id)))
}

/// An archive's ZIP package.
#[utoipa::path(tag = "requests", params(("id" = i64, Path)), responses((status = 200, description = "ZIP"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/archive/{id}/package.zip")]
pub async fn package(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (sha, name) = state.db.read(move |conn| archive::package(conn, &actor, id)).await?;
    let store = FileStore::new(&state.config, state.db.clone());
    let bytes = web::block(move || store.read(&sha)).await.map_err(ApiError::internal)??;
    Ok(crate::files::download::file(bytes, crate::files::Kind::Zip.media_type(), &name))
}
