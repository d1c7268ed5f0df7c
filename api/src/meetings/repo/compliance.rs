//! The aggregates behind the compliance report: everything is grouped in SQL over the subtree
//! (by path range, no id lists), so the root of the institution costs a few thousand small rows.

use chrono::NaiveDate;
use diesel::dsl::{count, count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use shared::OrgKind;

use crate::db::schema::{meeting_attendees, meetings, orgs};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;

/// (org, kind, `YYYY-MM` of the meeting day): dates are ISO text on SQLite and render as ISO
/// text on PostgreSQL. Written as SQL because diesel cannot group by an expression.
const ORG_KIND_MONTH: &str = "meetings.org_id, meetings.kind, substr(CAST(meetings.held_on AS TEXT), 1, 7)";

/// The active branches (支部 and 联合支部) of the subtree: (id, name).
pub fn branches(conn: &mut DbConnection, top_path: &str) -> Result<Vec<(i64, String)>, ApiError> {
    let (lo, hi) = subtree_bounds(top_path);
    Ok(orgs::table
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(orgs::kind.eq_any([OrgKind::Branch.code(), OrgKind::JointBranch.code()]))
        .filter(orgs::status.eq("active"))
        .select((orgs::id, orgs::name))
        .load(conn)?)
}

/// Months (`YYYY-MM`) in which each branch held a meeting of each kind: (org, kind, month).
pub fn held_months(
    conn: &mut DbConnection,
    top_path: &str,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(i64, String, String)>, ApiError> {
    let (lo, hi) = subtree_bounds(top_path);
    let in_subtree = orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id);
    Ok(meetings::table
        .filter(meetings::org_id.eq_any(in_subtree))
        .filter(meetings::held_on.ge(from).and(meetings::held_on.le(until)))
        .filter(meetings::status.ne("cancelled"))
        .group_by(sql::<(BigInt, Text, Text)>(ORG_KIND_MONTH))
        .select(sql::<(BigInt, Text, Text)>(ORG_KIND_MONTH))
        .load(conn)?)
}

/// Per branch: attendances expected (invited, not on approved leave) and present among them.
pub fn attendance(
    conn: &mut DbConnection,
    top_path: &str,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(i64, i64, i64)>, ApiError> {
    let (lo, hi) = subtree_bounds(top_path);
    let in_subtree = orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id);
    Ok(meeting_attendees::table
        .inner_join(meetings::table)
        .filter(meetings::org_id.eq_any(in_subtree))
        .filter(meetings::held_on.ge(from).and(meetings::held_on.le(until)))
        .filter(meetings::status.ne("cancelled"))
        .filter(meeting_attendees::response.ne("leave_approved"))
        .group_by(meetings::org_id)
        .select((meetings::org_id, count_star(), count(meeting_attendees::checked_in_at)))
        .load(conn)?)
}
