//! The only diesel code of the auth feature: accounts, roles, sessions, login failures.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use shared::api::auth::RoleAssignmentView;
use shared::{OrgId, PersonId, RoleAssignmentId, RoleKind, UserId};

use super::actor::{ActiveRole, Actor};
use super::limiter::Failures;
use super::models::*;
use crate::db::DbConnection;
use crate::db::schema::{login_failures, orgs, role_assignments, sessions, users};
use crate::error::ApiError;

/// An account by username or by phone number.
pub fn find_login(conn: &mut DbConnection, login: &str) -> Result<Option<UserRow>, ApiError> {
    Ok(users::table
        .filter(users::username.eq(login).or(users::phone.eq(login)))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// Failed (or in-flight) logins: for the account key from this address and from anywhere since
/// its last success, and from this address for any account since `since`.
pub fn failure_counts(
    conn: &mut DbConnection,
    key: &str,
    ip: &str,
    since_for_account: NaiveDateTime,
    since: NaiveDateTime,
) -> Result<Failures, ApiError> {
    let of_account =
        || login_failures::table.filter(login_failures::login.eq(key).and(login_failures::at.gt(since_for_account)));
    let (account, latest_account): (i64, Option<NaiveDateTime>) =
        of_account().select((diesel::dsl::count_star(), diesel::dsl::max(login_failures::at))).first(conn)?;
    let (account_ip, oldest_account_ip): (i64, Option<NaiveDateTime>) = of_account()
        .filter(login_failures::ip.eq(ip))
        .select((diesel::dsl::count_star(), diesel::dsl::min(login_failures::at)))
        .first(conn)?;
    let ip_count: i64 = login_failures::table
        .filter(login_failures::ip.eq(ip).and(login_failures::at.gt(since)))
        .count()
        .get_result(conn)?;
    Ok(Failures { account_ip, oldest_account_ip, ip: ip_count, account, latest_account })
}

pub fn insert_failure(conn: &mut DbConnection, key: &str, ip: &str, at: NaiveDateTime) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(login_failures::table)
        .values((login_failures::login.eq(key), login_failures::ip.eq(ip), login_failures::at.eq(at)))
        .returning(login_failures::id)
        .get_result(conn)?)
}

/// Removes one reserved attempt (the login succeeded).
pub fn forget_failure(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    diesel::delete(login_failures::table.find(id)).execute(conn)?;
    Ok(())
}

/// Clears every recorded failure of an account (an administrator's unlock); returns how many.
pub fn clear_failures(conn: &mut DbConnection, key: &str) -> Result<usize, ApiError> {
    Ok(diesel::delete(login_failures::table.filter(login_failures::login.eq(key))).execute(conn)?)
}

/// Deletes sessions that expired or were revoked before `before`; returns how many.
pub fn delete_sessions_ended_before(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::delete(sessions::table.filter(sessions::expires_at.lt(before).or(sessions::revoked_at.lt(before))))
        .execute(conn)?)
}

/// Deletes failed-login rows older than `before`; returns how many.
pub fn delete_failures_before(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::delete(login_failures::table.filter(login_failures::at.lt(before))).execute(conn)?)
}

pub fn roles_of(conn: &mut DbConnection, user_id: i64) -> Result<Vec<RoleAssignmentView>, ApiError> {
    let rows: Vec<(RoleRow, String)> = role_assignments::table
        .inner_join(orgs::table)
        .filter(role_assignments::user_id.eq(user_id).and(role_assignments::revoked_at.is_null()))
        .order(role_assignments::id)
        .select((RoleRow::as_select(), orgs::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(r, org_name)| {
            Some(RoleAssignmentView {
                id: RoleAssignmentId(r.id),
                kind: RoleKind::from_code(&r.kind)?,
                org_id: OrgId(r.org_id),
                org_name,
                title: r.title,
            })
        })
        .collect())
}

/// The role a new session starts in: the most powerful one the user holds.
pub fn default_role(roles: &[RoleAssignmentView]) -> Option<&RoleAssignmentView> {
    let rank = |k: RoleKind| RoleKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    roles.iter().max_by_key(|r| (rank(r.kind), std::cmp::Reverse(r.id.0)))
}

#[allow(clippy::too_many_arguments)]
pub fn create_session(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: i64,
    role_id: i64,
    idle_seconds: i64,
    max_seconds: i64,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<NaiveDateTime, ApiError> {
    let now = crate::clock::wall_now();
    let absolute = now + Duration::seconds(max_seconds);
    let expires = (now + Duration::seconds(idle_seconds)).min(absolute);
    diesel::insert_into(sessions::table)
        .values(NewSession {
            token_hash,
            user_id,
            active_role_id: role_id,
            created_at: now,
            last_seen_at: now,
            expires_at: expires,
            absolute_expires_at: absolute,
            ip,
            user_agent,
        })
        .execute(conn)?;
    diesel::update(users::table.find(user_id)).set(users::last_login_at.eq(now)).execute(conn)?;
    Ok(expires)
}

/// Resolves a token to its actor. `None` when the session is unknown, revoked, expired, or its
/// user or active role is no longer valid. The flag says whether the idle expiry is due to be
/// slid forward (see `slide_session`).
pub fn find_session(
    conn: &mut DbConnection,
    token_hash: &str,
    idle_seconds: i64,
) -> Result<Option<(Actor, bool)>, ApiError> {
    let found: Option<(SessionRow, UserRow, RoleRow, String)> = sessions::table
        .inner_join(users::table)
        .inner_join(role_assignments::table.on(role_assignments::id.eq(sessions::active_role_id)))
        .inner_join(orgs::table.on(orgs::id.eq(role_assignments::org_id)))
        .filter(sessions::token_hash.eq(token_hash))
        .filter(role_assignments::revoked_at.is_null())
        .select((SessionRow::as_select(), UserRow::as_select(), RoleRow::as_select(), orgs::path))
        .first(conn)
        .optional()?;
    let Some((session, user, role, org_path)) = found else { return Ok(None) };
    let now = crate::clock::wall_now();
    if session.revoked_at.is_some() || session.expires_at <= now || user.disabled {
        return Ok(None);
    }
    // Writing on every request would serialise requests on SQLite; a little slack is harmless.
    let slide_due = now - session.last_seen_at > Duration::seconds((idle_seconds / 20).clamp(1, 60));
    let Some(kind) = RoleKind::from_code(&role.kind) else { return Ok(None) };
    let actor = Actor {
        session_id: session.id,
        user_id: UserId(user.id),
        username: user.username,
        person_id: user.person_id.map(PersonId),
        role: ActiveRole { id: RoleAssignmentId(role.id), kind, org_id: OrgId(role.org_id), org_path },
        ip: None,
    };
    Ok(Some((actor, slide_due)))
}

/// Moves the idle expiry forward from now, never past the absolute expiry.
pub fn slide_session(conn: &mut DbConnection, session_id: i64, idle_seconds: i64) -> Result<(), ApiError> {
    let now = crate::clock::wall_now();
    let absolute: NaiveDateTime = sessions::table.find(session_id).select(sessions::absolute_expires_at).first(conn)?;
    diesel::update(sessions::table.find(session_id))
        .set((
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq((now + Duration::seconds(idle_seconds)).min(absolute)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn session_expiry(conn: &mut DbConnection, session_id: i64) -> Result<NaiveDateTime, ApiError> {
    Ok(sessions::table.find(session_id).select(sessions::expires_at).first(conn)?)
}

pub fn revoke_session(conn: &mut DbConnection, session_id: i64) -> Result<(), ApiError> {
    diesel::update(sessions::table.find(session_id))
        .set(sessions::revoked_at.eq(crate::clock::wall_now()))
        .execute(conn)?;
    Ok(())
}

pub fn set_active_role(conn: &mut DbConnection, session_id: i64, role_id: i64) -> Result<(), ApiError> {
    diesel::update(sessions::table.find(session_id)).set(sessions::active_role_id.eq(role_id)).execute(conn)?;
    Ok(())
}

pub fn user_by_id(conn: &mut DbConnection, user_id: i64) -> Result<UserRow, ApiError> {
    Ok(users::table.find(user_id).select(UserRow::as_select()).first(conn)?)
}

pub fn insert_user(conn: &mut DbConnection, user: &NewUser) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(users::table).values(user).returning(users::id).get_result(conn)?)
}

pub fn insert_role(conn: &mut DbConnection, role: &NewRole) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(role_assignments::table).values(role).returning(role_assignments::id).get_result(conn)?)
}

pub fn session_id_of(conn: &mut DbConnection, token_hash: &str) -> Result<i64, ApiError> {
    Ok(sessions::table.filter(sessions::token_hash.eq(token_hash)).select(sessions::id).first(conn)?)
}
