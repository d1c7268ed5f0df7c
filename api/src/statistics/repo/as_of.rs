//! Counts as of a date from the history: who held their 正式组织关系 where (member_periods)
//! and where each org stood in the tree (org_periods), so a report for 2026-06-30 made later
//! counts what was true on 2026-06-30.

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::{MEMBER_STATUSES, bucket, orgs_on};
use crate::db::schema::{member_periods as mp, org_periods as op, people};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;

/// The org's path on `on` (none: it did not exist then).
pub fn path_on(conn: &mut DbConnection, org_id: i64, on: NaiveDate) -> Result<Option<String>, ApiError> {
    Ok(op::table
        .filter(op::org_id.eq(org_id))
        .filter(op::valid_from.le(on).and(op::valid_to.is_null().or(op::valid_to.gt(on))))
        .select(op::path)
        .first(conn)
        .optional()?)
}

/// Several bucket expressions joined into one key (`a|b|c`), so one `GROUP BY` gives the cube.
pub fn cube_key(exprs: &[String]) -> String {
    exprs.iter().map(|e| format!("({e})")).collect::<Vec<_>>().join(" || '|' || ")
}

/// Members (正式 and 预备) whose relationship was held under `path` on `on`, counted per
/// combination of the bucket expressions (over `people`).
pub fn members_cube(
    conn: &mut DbConnection,
    path: &str,
    on: NaiveDate,
    exprs: &[String],
) -> Result<Vec<(String, i64)>, ApiError> {
    let key = cube_key(exprs);
    Ok(mp::table
        .inner_join(people::table)
        .filter(mp::valid_from.le(on).and(mp::valid_to.is_null().or(mp::valid_to.gt(on))))
        .filter(mp::membership_status.eq_any(MEMBER_STATUSES))
        .filter(people::join_date.le(on))
        .filter(mp::org_id.eq_any(orgs_on!(path, on)))
        .group_by(bucket(&key))
        .select((bucket(&key), count_star()))
        .load(conn)?)
}

/// Orgs under `path` on `on` per kind.
pub fn orgs_by_kind(conn: &mut DbConnection, path: &str, on: NaiveDate) -> Result<Vec<(String, i64)>, ApiError> {
    let (lo, hi) = subtree_bounds(path);
    Ok(op::table
        .filter(op::path.ge(lo).and(op::path.lt(hi)))
        .filter(op::valid_from.le(on).and(op::valid_to.is_null().or(op::valid_to.gt(on))))
        .group_by(op::kind)
        .select((op::kind, count_star()))
        .load(conn)?)
}

/// People who joined (入党) in `from..=on` while their relationship was held under `path`
/// (as the tree stood on `on`), per combination of the bucket expressions.
pub fn joined_cube(
    conn: &mut DbConnection,
    path: &str,
    (from, on): (NaiveDate, NaiveDate),
    exprs: &[String],
) -> Result<Vec<(String, i64)>, ApiError> {
    let key = cube_key(exprs);
    Ok(mp::table
        .inner_join(people::table)
        .filter(people::join_date.ge(from).and(people::join_date.le(on)))
        .filter(mp::valid_from.nullable().le(people::join_date))
        .filter(mp::valid_to.is_null().or(mp::valid_to.gt(people::join_date)))
        .filter(mp::org_id.eq_any(orgs_on!(path, on)))
        .group_by(bucket(&key))
        .select((bucket(&key), count_star()))
        .load(conn)?)
}

/// Everyone held under `path` on `on`, per membership status (the pipeline included).
pub fn statuses(conn: &mut DbConnection, path: &str, on: NaiveDate) -> Result<Vec<(String, i64)>, ApiError> {
    Ok(mp::table
        .filter(mp::valid_from.le(on).and(mp::valid_to.is_null().or(mp::valid_to.gt(on))))
        .filter(mp::org_id.eq_any(orgs_on!(path, on)))
        .group_by(mp::membership_status)
        .select((mp::membership_status, count_star()))
        .load(conn)?)
}
