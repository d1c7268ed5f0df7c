//! Use cases of authentication: log in (limited, audited, bounded hashing), log out, switch
//! role, unlock an account.

use std::sync::OnceLock;
use std::time::Duration as StdDuration;

use serde_json::json;
use shared::api::auth::{LOGIN_MAX_CHARS, LoginRequest, Me, PASSWORD_MAX_CHARS};
use shared::error::{ErrorCode, ErrorDetails, FieldError};
use tokio::sync::Semaphore;

use super::actor::Actor;
use super::limiter::{self, Limits};
use super::{models::UserRow, password, repo, session};
use crate::audit;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::state::AppState;

/// How long a login waits for a free password check before giving up with 503.
const HASHING_WAIT: StdDuration = StdDuration::from_secs(10);

pub fn me_of(conn: &mut DbConnection, user_id: i64, active_role_id: i64, session_id: i64) -> Result<Me, ApiError> {
    let user = repo::user_by_id(conn, user_id)?;
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

fn validate(req: &LoginRequest) -> Result<String, ApiError> {
    let login = req.login.trim().to_string();
    if login.is_empty() || req.password.is_empty() {
        let field = if login.is_empty() { "login" } else { "password" };
        return Err(ApiError::validation(vec![FieldError::new(field, "required", "请输入用户名（或手机号）和密码")]));
    }
    if login.chars().count() > LOGIN_MAX_CHARS || login.contains('\0') {
        return Err(ApiError::field("login", "too_long", format!("用户名或手机号不能超过 {LOGIN_MAX_CHARS} 个字符")));
    }
    if req.password.chars().count() > PASSWORD_MAX_CHARS {
        return Err(ApiError::field("password", "too_long", format!("密码不能超过 {PASSWORD_MAX_CHARS} 个字符")));
    }
    Ok(login)
}

/// At most `login_hashing_concurrency` argon2 checks at once, process-wide (each takes ~19 MiB).
fn hashing_permits(state: &AppState) -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| Semaphore::new(state.config.login_hashing_concurrency.max(1)))
}

/// Where a login came from, for limits and the audit trail.
pub struct Origin {
    pub ip: String,
    pub user_agent: Option<String>,
}

/// Checks the password within the limits and opens a session: `(token, me)`.
pub async fn login(state: &AppState, req: LoginRequest, origin: Origin) -> Result<(String, Me), ApiError> {
    let login = validate(&req)?;
    let limits = Limits::of(&state.config);
    // 1. Reserve the attempt (atomically counted against the limits) before the slow check.
    let (key, ip) = (login.clone(), origin.ip.clone());
    let (user, attempt) = state
        .db
        .write(move |conn| {
            let user = repo::find_login(conn, &key)?;
            let account = limiter::account_key(user.as_ref().map(|u| u.id), &key);
            let since = user.as_ref().and_then(|u| u.last_login_at);
            match limiter::reserve(conn, &account, &ip, since, &limits, crate::clock::wall_now())? {
                Ok(attempt) => Ok(Ok((user, attempt))),
                Err(wait) => Ok(Err(wait)),
            }
        })
        .await?
        .map_err(rate_limited)?;
    // 2. Verify, with a bounded number of checks at once.
    let permit = tokio::time::timeout(HASHING_WAIT, hashing_permits(state).acquire())
        .await
        .map_err(|_| ApiError::new(ErrorCode::ServiceUnavailable, "登录请求过多，请稍后再试"))?
        .map_err(ApiError::internal)?;
    let password = req.password;
    let verified: Option<UserRow> = actix_web::web::block(move || {
        let hash = user.as_ref().map_or(password::dummy_hash(), |u| u.password_hash.as_str());
        let ok = password::verify_password(&password, hash);
        user.filter(|u| ok && !u.disabled)
    })
    .await
    .map_err(ApiError::internal)?;
    drop(permit);
    // 3. Keep the reservation as a failure, or drop it and open the session.
    let config = state.config.clone();
    state
        .db
        .write(move |conn| {
            let Some(user) = verified else {
                let failure = json!({ "login": login, "ip": origin.ip });
                let user_id = repo::find_login(conn, &login)?.map_or(0, |u| u.id);
                audit::record(conn, None, "login_failed", "user", user_id, None::<&()>, Some(&failure))?;
                return Ok(Err(ApiError::new(ErrorCode::InvalidCredentials, "用户名或密码错误")));
            };
            repo::forget_failure(conn, attempt)?;
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
                Some(&origin.ip),
                origin.user_agent.as_deref(),
            )?;
            let session_id = repo::session_id_of(conn, &session::token_hash(&token))?;
            let me = me_of(conn, user.id, role_id, session_id)?;
            let opened = json!({ "ip": origin.ip, "role_assignment_id": role_id, "session_id": session_id });
            audit::record(conn, None, "login", "user", user.id, None::<&()>, Some(&opened))?;
            tracing::info!(user = %me.username, "login");
            Ok(Ok((token, me)))
        })
        .await?
}

pub fn logout(conn: &mut DbConnection, actor: &Actor) -> Result<(), ApiError> {
    repo::revoke_session(conn, actor.session_id)?;
    audit::record(conn, Some(actor), "logout", "user", actor.user_id.0, None::<&()>, None::<&()>)
}

pub fn switch_role(conn: &mut DbConnection, actor: &Actor, wanted: i64) -> Result<Me, ApiError> {
    let roles = repo::roles_of(conn, actor.user_id.0)?;
    if !roles.iter().any(|r| r.id.0 == wanted) {
        return Err(ApiError::forbidden("该角色不属于当前用户"));
    }
    repo::set_active_role(conn, actor.session_id, wanted)?;
    let change = json!({ "from_role_assignment_id": actor.role.id.0, "to_role_assignment_id": wanted });
    audit::record(conn, Some(actor), "switch_role", "user", actor.user_id.0, None::<&()>, Some(&change))?;
    me_of(conn, actor.user_id.0, wanted, actor.session_id)
}

/// Clears an account's failed logins (政工部门 only); returns how many were cleared.
pub fn unlock(conn: &mut DbConnection, actor: &Actor, login: &str) -> Result<usize, ApiError> {
    actor.require_action(shared::permissions::Action::ManageAccounts)?;
    let login = login.trim();
    let user = repo::find_login(conn, login)?.ok_or_else(|| ApiError::field("login", "not_found", "没有这个账号"))?;
    let cleared = repo::clear_failures(conn, &limiter::account_key(Some(user.id), login))?
        + repo::clear_failures(conn, &limiter::account_key(None, &user.username))?;
    audit::record(conn, Some(actor), "unlock", "user", user.id, None::<&()>, Some(&json!({ "cleared": cleared })))?;
    Ok(cleared)
}
