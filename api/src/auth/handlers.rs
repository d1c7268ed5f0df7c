//! HTTP handlers of the auth feature: login, logout, who am I, switch role.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::api::auth::{FormLogin, LoginRequest, LoginResponse, Me, SwitchRoleRequest, UnlockRequest};
use shared::error::ErrorBody;

use super::actor::{Actor, client_ip, same_origin};
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
    let (token, me) = service::login(&state, body.into_inner(), origin_of(&req, &state)).await?;
    Ok(HttpResponse::Ok().cookie(session_cookie(&state, &token)).json(LoginResponse { token, me }))
}

/// The login form of the page shell, which works before the app has loaded: a plain form post
/// that sets the session cookie and goes on to `next` (a path of this site), or back to
/// `/login?error=<code>` (the same limits and audit as the JSON login).
#[utoipa::path(
    tag = "auth",
    request_body(content = FormLogin, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Logged in (cookie set, Location: next) or not (Location: /login?error=…)"),
        (status = 400, body = ErrorBody, description = "Not a form with login and password"),
        (status = 403, body = ErrorBody, description = "Posted from another site"),
    )
)]
#[post("/auth/form-login")]
pub async fn form_login(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<FormLogin>,
) -> Result<HttpResponse, ApiError> {
    if !same_origin(&req) {
        return Err(ApiError::forbidden("请从本站登录页面登录"));
    }
    let FormLogin { login: name, password, next } = form.into_inner();
    let next = next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'));
    let see_other = |location: String| HttpResponse::SeeOther().insert_header(("Location", location)).finish();
    match service::login(&state, LoginRequest { login: name, password }, origin_of(&req, &state)).await {
        Ok((token, _)) => {
            let mut response = see_other(next.unwrap_or_else(|| "/".into()));
            response.add_cookie(&session_cookie(&state, &token)).map_err(ApiError::internal)?;
            Ok(response)
        }
        Err(e) => {
            let code = serde_json::to_value(e.code).ok().and_then(|v| v.as_str().map(str::to_string));
            let query = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("error", &code.unwrap_or_default())
                .append_pair("next", &next.unwrap_or_default())
                .finish();
            Ok(see_other(format!("/login?{query}")))
        }
    }
}

fn origin_of(req: &HttpRequest, state: &AppState) -> service::Origin {
    let user_agent =
        req.headers().get("user-agent").and_then(|v| v.to_str().ok()).map(|s| s.chars().take(200).collect::<String>());
    service::Origin { ip: client_ip(req, &state.config.trusted_proxies).unwrap_or_default(), user_agent }
}

fn session_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(session::COOKIE_NAME, token.to_string())
        .path("/")
        .http_only(true)
        .secure(state.config.secure_cookies)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(state.config.session_max_seconds))
        .finish()
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
