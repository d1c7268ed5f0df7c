//! What the demo transfers need from the database: the demo officials as actors, the members
//! of the secretary's branch who may go (logins excluded), and branches to send them to.

use diesel::prelude::*;
use shared::{OrgId, PersonId, RoleAssignmentId, RoleKind, UserId};

use crate::auth::Actor;
use crate::auth::actor::ActiveRole;
use crate::db::DbConnection;
use crate::db::schema::{orgs, people, role_assignments, users};
use crate::error::ApiError;

/// The demo login `username` acting in its role of `kind`.
pub fn actor(conn: &mut DbConnection, username: &str, kind: RoleKind) -> Result<Option<Actor>, ApiError> {
    let row: Option<(i64, i64, Option<i64>, i64, String)> = role_assignments::table
        .inner_join(users::table)
        .inner_join(orgs::table)
        .filter(users::username.eq(username).and(role_assignments::kind.eq(kind.code())))
        .select((role_assignments::id, users::id, users::person_id, orgs::id, orgs::path))
        .first(conn)
        .optional()?;
    Ok(row.map(|(role, user, person, org, path)| Actor {
        session_id: 0,
        user_id: UserId(user),
        username: username.to_string(),
        person_id: person.map(PersonId),
        role: ActiveRole { id: RoleAssignmentId(role), kind, org_id: OrgId(org), org_path: path },
        ip: None,
    }))
}

/// Current 正式党员 of `org` without a login, by id.
pub fn members_without_login(conn: &mut DbConnection, org: i64) -> Result<Vec<i64>, ApiError> {
    let logins: Vec<i64> =
        users::table.filter(users::person_id.is_not_null()).select(users::person_id.assume_not_null()).load(conn)?;
    Ok(people::table
        .filter(people::org_id.eq(org).and(people::left_on.is_null()))
        .filter(people::membership_status.eq("formal"))
        .filter(people::id.ne_all(logins))
        .order(people::id)
        .select(people::id)
        .load(conn)?)
}

/// An active 党支部 inside (`inside`) or outside the subtree at `path`, other than `not`.
pub fn branch(conn: &mut DbConnection, path: &str, inside: bool, not: i64) -> Result<Option<i64>, ApiError> {
    let (lo, hi) = crate::db::subtree_bounds(path);
    let mut query = orgs::table
        .filter(orgs::kind.eq("branch").and(orgs::status.eq("active")).and(orgs::id.ne(not)))
        .order(orgs::id)
        .select(orgs::id)
        .into_boxed();
    query = if inside {
        query.filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
    } else {
        query.filter(orgs::path.lt(lo).or(orgs::path.ge(hi)))
    };
    Ok(query.first(conn).optional()?)
}
