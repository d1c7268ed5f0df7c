//! Aggregates over the current records of a subtree (the dashboard). Every count is a SQL
//! `GROUP BY` over the subtree's path range; Rust only lays the groups out.

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::{MEMBER_STATUSES, bucket, subtree_ids};
use crate::db::schema::{orgs, people, person_events, transfers};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;

/// Current people of the subtree with one of `statuses`, counted per bucket of `expr`.
pub fn people_by(
    conn: &mut DbConnection,
    path: &str,
    statuses: &[&str],
    expr: &str,
) -> Result<Vec<(String, i64)>, ApiError> {
    Ok(people::table
        .filter(people::org_id.eq_any(subtree_ids!(path)))
        .filter(people::left_on.is_null())
        .filter(people::membership_status.eq_any(statuses.to_vec()))
        .group_by(bucket(expr))
        .select((bucket(expr), count_star()))
        .load(conn)?)
}

/// Current members (正式 and 预备) of the subtree per bucket of `expr`.
pub fn members_by(conn: &mut DbConnection, path: &str, expr: &str) -> Result<Vec<(String, i64)>, ApiError> {
    people_by(conn, path, &MEMBER_STATUSES, expr)
}

/// Person events of `kind` in `from..=until` whose org moved into (`to_org_id`) or out of
/// (`from_org_id`) the subtree, not counting moves within it: (into, out of).
pub fn crossings(
    conn: &mut DbConnection,
    path: &str,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<(i64, i64), ApiError> {
    let dated = || {
        person_events::table
            .filter(person_events::on_date.ge(from).and(person_events::on_date.le(until)))
            .filter(person_events::event_kind.eq_any(["move", "transfer_in", "leave"]))
            .into_boxed()
    };
    let into: i64 = dated()
        .filter(person_events::to_org_id.eq_any(subtree_ids!(path, nullable)))
        .filter(
            person_events::from_org_id
                .is_null()
                .or(diesel::dsl::not(person_events::from_org_id.eq_any(subtree_ids!(path, nullable)))),
        )
        .count()
        .get_result(conn)?;
    let out: i64 = dated()
        .filter(person_events::from_org_id.eq_any(subtree_ids!(path, nullable)))
        .filter(
            person_events::to_org_id
                .is_null()
                .or(diesel::dsl::not(person_events::to_org_id.eq_any(subtree_ids!(path, nullable)))),
        )
        .filter(person_events::event_kind.ne("leave").or(person_events::leave_kind.eq("transfer_out")))
        .count()
        .get_result(conn)?;
    Ok((into, out))
}

/// Transfers under way that start or end in the subtree.
pub fn open_transfers(conn: &mut DbConnection, path: &str) -> Result<i64, ApiError> {
    Ok(transfers::table
        .filter(transfers::status.eq_any(["active", "waiting"]))
        .filter(
            transfers::from_org_id
                .eq_any(subtree_ids!(path, nullable))
                .or(transfers::to_org_id.eq_any(subtree_ids!(path, nullable))),
        )
        .count()
        .get_result(conn)?)
}

/// The active branches of the subtree: (id, name, path).
pub fn branches(conn: &mut DbConnection, path: &str) -> Result<Vec<(i64, String, String)>, ApiError> {
    let (lo, hi) = subtree_bounds(path);
    Ok(orgs::table
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(orgs::kind.eq_any([shared::OrgKind::Branch.code(), shared::OrgKind::JointBranch.code()]))
        .filter(orgs::status.eq("active"))
        .order(orgs::path)
        .select((orgs::id, orgs::name, orgs::path))
        .load(conn)?)
}
