//! HTTP handlers of the auth feature: login, logout, who am I, switch role.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::api::auth::{LoginRequest, LoginResponse, Me, SwitchRoleRequest, UnlockRequest};
use shared::error::ErrorBody;

use super::actor::{Actor, client_ip};
use super::{service, session};
use crate::error::ApiError;
use crate::state::AppState;

/// Log in with username or phone and password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse, description = "Logged in; also sets the HttpOnly session cookie"),
        (status = 401, body = ErrorBody, description = "Wrong login or password"),
        (status = 429, body = ErrorBody, description = "Too many failed attempts"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let user_agent =
        req.headers().get("user-agent").and_then(|v| v.to_str().ok()).map(|s| s.chars().take(200).collect::<String>());
    let origin = service::Origin { ip: client_ip(&req, &state.config.trusted_proxies).unwrap_or_default(), user_agent };
    let (token, me) = service::login(&state, body.into_inner(), origin).await?;
    let cookie = Cookie::build(session::COOKIE_NAME, token.clone())
        .path("/")
        .http_only(true)
        .secure(state.config.secure_cookies)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(state.config.session_max_seconds))
        .finish();
    Ok(HttpResponse::Ok().cookie(cookie).json(LoginResponse { token, me }))
}

/// End the current session (the token stops working at once).
#[utoipa::path(tag = "auth", responses((status = 204), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, ApiError> {
    state.db.write(move |conn| service::logout(conn, &actor)).await?;
    let mut gone = Cookie::build(session::COOKIE_NAME, "").path("/").http_only(true).finish();
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// The current user, their roles and the active one.
#[utoipa::path(tag = "auth", responses((status = 200, body = Me), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[get("/me")]
pub async fn who_am_i(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<Me>, ApiError> {
    let me =
        state.db.read(move |conn| service::me_of(conn, actor.user_id.0, actor.role.id.0, actor.session_id)).await?;
    Ok(web::Json(me))
}

/// Switch the session's active role to another of the user's role assignments.
#[utoipa::path(
    tag = "auth",
    request_body = SwitchRoleRequest,
    responses((status = 200, body = Me), (status = 403, body = ErrorBody), (status = 401, body = ErrorBody)),
    security(("bearer" = []))
)]
#[put("/me/active-role")]
pub async fn switch_role(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<SwitchRoleRequest>,
) -> Result<web::Json<Me>, ApiError> {
    let wanted = body.role_assignment_id.0;
    let me = state.db.write(move |conn| service::switch_role(conn, &actor, wanted)).await?;
    Ok(web::Json(me))
}

/// Clear an account's failed logins so its owner can log in at once (政工部门 only).
#[utoipa::path(
    tag = "auth",
    request_body = UnlockRequest,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []))
)]
#[post("/auth/unlock")]
pub async fn unlock(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<UnlockRequest>,
) -> Result<HttpResponse, ApiError> {
    state.db.write(move |conn| service::unlock(conn, &actor, &body.login)).await?;
    Ok(HttpResponse::NoContent().finish())
}
