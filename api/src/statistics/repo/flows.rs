//! The year's flows for the reports (转正, 出党, 民主评议, 换届, 转入转出), each counted in SQL by
//! the org responsible, as the tree stood on the report date.

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::as_of::cube_key;
use super::bucket;
use super::orgs_on;
use crate::db::schema::{meeting_ratings, meetings, org_periods as op, org_terms, people, person_events as pe};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;

pub type Period = (NaiveDate, NaiveDate);

/// Events of the given kinds in the period, by the org they happened in (`from_org_id`, or
/// `to_org_id` for a 转正 recorded with the org), per combination of the bucket expressions
/// (over `person_events` and `people`).
pub fn events_cube(
    conn: &mut DbConnection,
    path: &str,
    (from, on): Period,
    kinds: &[&str],
    exprs: &[String],
) -> Result<Vec<(String, i64)>, ApiError> {
    let key = cube_key(exprs);
    Ok(pe::table
        .inner_join(people::table)
        .filter(pe::on_date.ge(from).and(pe::on_date.le(on)))
        .filter(pe::event_kind.eq_any(kinds.to_vec()))
        .filter(
            pe::from_org_id
                .eq_any(orgs_on!(path, on, nullable))
                .or(pe::from_org_id.is_null().and(pe::to_org_id.eq_any(orgs_on!(path, on, nullable)))),
        )
        .group_by(bucket(&key))
        .select((bucket(&key), count_star()))
        .load(conn)?)
}

/// Moves and transfers in the period, per (kind, whether the origin was under `path`, whether
/// the destination was): `move|in|out` … with `none` for an org outside the system.
pub fn crossings(conn: &mut DbConnection, path: &str, (from, on): Period) -> Result<Vec<(String, i64)>, ApiError> {
    let (lo, hi) = subtree_bounds(path);
    let inside = |column: &str| {
        format!(
            "CASE WHEN {column} IS NULL THEN 'none' WHEN EXISTS (SELECT 1 FROM org_periods WHERE org_periods.org_id = {column} \
             AND org_periods.path >= '{lo}' AND org_periods.path < '{hi}' AND org_periods.valid_from <= '{on}' \
             AND (org_periods.valid_to IS NULL OR org_periods.valid_to > '{on}')) THEN 'in' ELSE 'out' END"
        )
    };
    let key = cube_key(&[
        "person_events.event_kind".into(),
        "COALESCE(person_events.leave_kind, '')".into(),
        inside("person_events.from_org_id"),
        inside("person_events.to_org_id"),
    ]);
    Ok(pe::table
        .filter(pe::on_date.ge(from).and(pe::on_date.le(on)))
        .filter(pe::event_kind.eq_any(["move", "transfer_in", "leave"]))
        .group_by(bucket(&key))
        .select((bucket(&key), count_star()))
        .load(conn)?)
}

/// 民主评议 results of meetings held in the period under `path`: (rating or `none`, count).
pub fn ratings(conn: &mut DbConnection, path: &str, (from, on): Period) -> Result<Vec<(String, i64)>, ApiError> {
    let expr = "COALESCE(meeting_ratings.committee_rating, 'none')";
    Ok(meeting_ratings::table
        .inner_join(meetings::table)
        .filter(meetings::held_on.ge(from).and(meetings::held_on.le(on)))
        .filter(meetings::status.ne("cancelled"))
        .filter(meetings::org_id.eq_any(orgs_on!(path, on)))
        .group_by(bucket(expr))
        .select((bucket(expr), count_star()))
        .load(conn)?)
}

/// Committee terms of orgs under `path` per org kind and state on `on`: `kind|started`
/// (a term begun in the period: 换届 held), `kind|overdue` (ended by its date and not renewed),
/// `kind|expiring` (ends within six months).
pub fn terms(conn: &mut DbConnection, path: &str, (from, on): Period) -> Result<Vec<(String, i64)>, ApiError> {
    let half_year = on.checked_add_months(chrono::Months::new(6)).unwrap_or(on);
    let state = format!(
        "CASE WHEN org_terms.started_on >= '{from}' THEN 'started' \
         WHEN org_terms.ends_on < '{on}' THEN 'overdue' \
         WHEN org_terms.ends_on <= '{half_year}' THEN 'expiring' ELSE 'running' END"
    );
    let key = cube_key(&["org_periods.kind".into(), state]);
    let (lo, hi) = subtree_bounds(path);
    Ok(org_terms::table
        .inner_join(op::table.on(op::org_id.eq(org_terms::org_id)))
        .filter(op::path.ge(lo).and(op::path.lt(hi)))
        .filter(op::valid_from.le(on).and(op::valid_to.is_null().or(op::valid_to.gt(on))))
        .filter(org_terms::started_on.le(on))
        .filter(org_terms::ended_on.is_null().or(org_terms::ended_on.gt(on)))
        .group_by(bucket(&key))
        .select((bucket(&key), count_star()))
        .load(conn)?)
}
