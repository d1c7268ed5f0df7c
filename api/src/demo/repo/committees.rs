//! Demo committees: what seating them reads in bulk.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::MembershipStatus;

use crate::db::DbConnection;
use crate::db::schema::{org_terms, orgs, people, role_assignments, users};
use crate::error::ApiError;

/// Active orgs with a term: (id, kind, started, years).
pub fn orgs_with_terms(conn: &mut DbConnection) -> Result<Vec<(i64, String, NaiveDate, i32)>, ApiError> {
    let rows: Vec<(i64, String, Option<NaiveDate>, Option<i32>)> = orgs::table
        .filter(orgs::status.eq("active"))
        .select((orgs::id, orgs::kind, orgs::term_started_on, orgs::term_years))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, kind, start, years)| Some((id, kind, start?, years?))).collect())
}

/// Titled 党支部 and 党委 roles with their people: (role, org, person).
pub fn titled_roles(conn: &mut DbConnection) -> Result<Vec<(i64, i64, i64)>, ApiError> {
    let rows: Vec<(i64, i64, Option<i64>)> = role_assignments::table
        .inner_join(users::table)
        .filter(role_assignments::kind.eq_any(["branch", "committee"]))
        .filter(role_assignments::revoked_at.is_null().and(role_assignments::title.eq("书记")))
        .order(role_assignments::id)
        .select((role_assignments::id, role_assignments::org_id, users::person_id))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(r, o, p)| Some((r, o, p?))).collect())
}

/// Current 正式党员 by org, in id order: (person, org).
pub fn formal_members(conn: &mut DbConnection) -> Result<Vec<(i64, i64)>, ApiError> {
    Ok(people::table
        .filter(people::left_on.is_null().and(people::membership_status.eq(MembershipStatus::Formal.code())))
        .order(people::id)
        .select((people::id, people::org_id))
        .load(conn)?)
}

/// Moves the start of an org's current term (on the org and in its history).
pub fn restart_term(conn: &mut DbConnection, org: i64, started: NaiveDate, ends: NaiveDate) -> Result<(), ApiError> {
    diesel::update(orgs::table.find(org)).set(orgs::term_started_on.eq(Some(started))).execute(conn)?;
    diesel::update(org_terms::table.filter(org_terms::org_id.eq(org).and(org_terms::ended_on.is_null())))
        .set((org_terms::started_on.eq(started), org_terms::ends_on.eq(ends)))
        .execute(conn)?;
    Ok(())
}

/// The first user holding a titled 党支部 role at `org`.
pub fn secretary_user(conn: &mut DbConnection, org: i64) -> Result<Option<i64>, ApiError> {
    Ok(role_assignments::table
        .filter(role_assignments::org_id.eq(org).and(role_assignments::kind.eq("branch")))
        .filter(role_assignments::revoked_at.is_null().and(role_assignments::title.eq("书记")))
        .select(role_assignments::user_id)
        .first(conn)
        .optional()?)
}
