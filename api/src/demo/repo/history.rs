//! What the demo's year of statistics needs from the database: current members to pick from,
//! branches to move them to, and 民主评议 results for the year's review meetings.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{orgs, people, users};
use crate::error::ApiError;

/// A current member without a login: (id, org, status, join date, full-member date).
pub type Member = (i64, i64, String, Option<NaiveDate>, Option<NaiveDate>);

pub fn members(conn: &mut DbConnection) -> Result<Vec<Member>, ApiError> {
    let logins: Vec<i64> =
        users::table.filter(users::person_id.is_not_null()).select(users::person_id.assume_not_null()).load(conn)?;
    Ok(people::table
        .filter(people::left_on.is_null())
        .filter(people::membership_status.eq_any(["formal", "probationary"]))
        .filter(people::id.ne_all(logins))
        .order(people::id)
        .select((people::id, people::org_id, people::membership_status, people::join_date, people::full_member_date))
        .load(conn)?)
}

/// Active branches, by id.
pub fn branches(conn: &mut DbConnection) -> Result<Vec<i64>, ApiError> {
    Ok(orgs::table
        .filter(orgs::kind.eq("branch").and(orgs::status.eq("active")))
        .order(orgs::id)
        .select(orgs::id)
        .load(conn)?)
}

/// The committee's rating of each attendee of the year's 民主评议 meetings: mostly 合格, some
/// 优秀, a few 基本合格, and a few not yet rated (the consistency check lists those).
pub fn rate_reviews(conn: &mut DbConnection) -> Result<usize, ApiError> {
    Ok(diesel::sql_query(
        "INSERT INTO meeting_ratings (meeting_id, person_id, peer_excellent, peer_qualified, peer_basic, \
         peer_unqualified, committee_rating, updated_at) \
         SELECT a.meeting_id, a.person_id, 0, 0, 0, 0, \
         CASE WHEN a.person_id % 97 = 3 THEN NULL WHEN a.person_id % 7 = 0 THEN 'excellent' \
         WHEN a.person_id % 89 = 1 THEN 'basic' ELSE 'qualified' END, CURRENT_TIMESTAMP \
         FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id \
         WHERE m.kind = 'democratic_review' AND m.status = 'signed'",
    )
    .execute(conn)?)
}
