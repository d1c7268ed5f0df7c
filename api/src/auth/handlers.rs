//! HTTP handlers of the auth feature: login, logout, who am I, switch role.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::Duration;
use shared::api::auth::{LoginRequest, LoginResponse, Me, SwitchRoleRequest};
use shared::error::{ErrorBody, ErrorCode, ErrorDetails};

use super::actor::{Actor, client_ip};
use super::{password, repo, session};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::state::AppState;

fn me_of(conn: &mut DbConnection, actor_user_id: i64, active_role_id: i64, session_id: i64) -> Result<Me, ApiError> {
    let user = repo::user_by_id(conn, actor_user_id)?;
    let roles = repo::roles_of(conn, user.id)?;
    let active_role = roles.iter().find(|r| r.id.0 == active_role_id).cloned().ok_or_else(ApiError::unauthenticated)?;
    let expires = repo::session_expiry(conn, session_id)?;
    Ok(Me {
        user_id: shared::UserId(user.id),
        username: user.username,
        display_name: user.display_name,
        person_id: user.person_id.map(shared::PersonId),
        roles,
        active_role,
        session_expires_at: expires.and_utc(),
    })
}

fn rate_limited(retry_after_seconds: i64) -> ApiError {
    ApiError {
        code: ErrorCode::LoginRateLimited,
        message: format!("登录失败次数过多，请{}分钟后再试", (retry_after_seconds + 59) / 60),
        details: Some(Box::new(ErrorDetails {
            retry_after_seconds: Some(retry_after_seconds),
            ..ErrorDetails::default()
        })),
    }
}

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
    let LoginRequest { login, password } = body.into_inner();
    let login = login.trim().to_string();
    if login.is_empty() || password.is_empty() {
        return Err(ApiError::validation(vec![shared::error::FieldError::new(
            if login.is_empty() { "login" } else { "password" },
            "required",
            "请输入用户名（或手机号）和密码",
        )]));
    }
    let ip = client_ip(&req).unwrap_or_default();
    let user_agent =
        req.headers().get("user-agent").and_then(|v| v.to_str().ok()).map(|s| s.chars().take(200).collect::<String>());
    let config = state.config.clone();
    // 1. Look up the account and the recent failures (read only).
    let lookup_login = login.clone();
    let lookup_ip = ip.clone();
    let (user, failures) = state
        .db
        .read(move |conn| {
            let now = crate::clock::wall_now();
            let window = Duration::seconds(config.login_window_seconds);
            let user = repo::find_login(conn, &lookup_login)?;
            let since_for_login =
                user.as_ref().and_then(|u| u.last_login_at).map_or(now - window, |t| t.max(now - window));
            let failures = repo::recent_failures(conn, &lookup_login, since_for_login, &lookup_ip, now - window)?;
            Ok((user, failures))
        })
        .await?;
    let config = state.config.clone();
    let (login_failures, ip_failures, oldest) = failures;
    if login_failures >= config.login_max_failures_per_account {
        let window = Duration::seconds(config.login_window_seconds);
        let retry = oldest.map_or(window, |t| t + window - crate::clock::wall_now()).num_seconds().max(1);
        return Err(rate_limited(retry));
    }
    if ip_failures >= config.login_max_failures_per_ip {
        return Err(rate_limited(config.login_window_seconds));
    }
    // 2. Verify the password off the database (argon2 is deliberately slow).
    let verified = web::block(move || {
        let hash = user.as_ref().map_or(password::dummy_hash(), |u| u.password_hash.as_str());
        let ok = password::verify_password(&password, hash);
        user.filter(|u| ok && !u.disabled)
    })
    .await
    .map_err(ApiError::internal)?;
    // 3. Record the failure, or open the session.
    let outcome = state
        .db
        .write(move |conn| {
            let Some(user) = verified else {
                repo::record_failure(conn, &login, &ip)?;
                return Ok(Err(ApiError::new(ErrorCode::InvalidCredentials, "用户名或密码错误")));
            };
            let roles = repo::roles_of(conn, user.id)?;
            let Some(role) = repo::default_role(&roles) else {
                return Ok(Err(ApiError::forbidden("该账号尚未分配角色，请联系管理员")));
            };
            let token = session::new_token();
            let role_id = role.id.0;
            repo::create_session(
                conn,
                &session::token_hash(&token),
                user.id,
                role_id,
                config.session_idle_seconds,
                config.session_max_seconds,
                Some(&ip),
                user_agent.as_deref(),
            )?;
            let session_id = repo::session_id_of(conn, &session::token_hash(&token))?;
            let me = me_of(conn, user.id, role_id, session_id)?;
            tracing::info!(user = %me.username, "login");
            Ok(Ok((token, me)))
        })
        .await?;
    let (token, me) = outcome?;
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
    state.db.write(move |conn| repo::revoke_session(conn, actor.session_id)).await?;
    let mut gone = Cookie::build(session::COOKIE_NAME, "").path("/").http_only(true).finish();
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// The current user, their roles and the active one.
#[utoipa::path(tag = "auth", responses((status = 200, body = Me), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[get("/me")]
pub async fn who_am_i(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<Me>, ApiError> {
    let me = state.db.read(move |conn| me_of(conn, actor.user_id.0, actor.role.id.0, actor.session_id)).await?;
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
    let me = state
        .db
        .write(move |conn| {
            let roles = repo::roles_of(conn, actor.user_id.0)?;
            if !roles.iter().any(|r| r.id.0 == wanted) {
                return Err(ApiError::forbidden("该角色不属于当前用户"));
            }
            repo::set_active_role(conn, actor.session_id, wanted)?;
            me_of(conn, actor.user_id.0, wanted, actor.session_id)
        })
        .await?;
    Ok(web::Json(me))
}
