//! Queries of who attends: the expected people of a meeting, responses, check-ins and
//! attendance per member.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{count, count_star};
use diesel::prelude::*;
use shared::{MembershipStatus, RoleKind};

use super::AttendeeRow;
use crate::db::DbConnection;
use crate::db::schema::{meeting_attendees, meetings, orgs, people, role_assignments, users};
use crate::error::ApiError;

/// Current members of an org (正式 and 预备) with whether they vote (正式 only).
pub fn branch_members(conn: &mut DbConnection, org_id: i64) -> Result<Vec<(i64, bool)>, ApiError> {
    let rows: Vec<(i64, String)> = people::table
        .filter(people::org_id.eq(org_id).and(people::left_on.is_null()))
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
        .order(people::id)
        .select((people::id, people::membership_status))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, s)| (id, s == MembershipStatus::Formal.code())).collect())
}

pub fn party_group_members(conn: &mut DbConnection, group_id: i64) -> Result<Vec<(i64, bool)>, ApiError> {
    let rows: Vec<(i64, String)> = people::table
        .filter(people::party_group_id.eq(group_id).and(people::left_on.is_null()))
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
        .order(people::id)
        .select((people::id, people::membership_status))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, s)| (id, s == MembershipStatus::Formal.code())).collect())
}

/// The branch committee: people whose users hold a 党支部 role on the org.
pub fn committee_members(conn: &mut DbConnection, org_id: i64) -> Result<Vec<(i64, bool)>, ApiError> {
    let ids: Vec<Option<i64>> = role_assignments::table
        .inner_join(users::table)
        .filter(
            role_assignments::org_id
                .eq(org_id)
                .and(role_assignments::kind.eq(RoleKind::Branch.code()))
                .and(role_assignments::revoked_at.is_null()),
        )
        .select(users::person_id)
        .distinct()
        .load(conn)?;
    Ok(ids.into_iter().flatten().map(|id| (id, true)).collect())
}

pub fn people_in_org(conn: &mut DbConnection, org_id: i64, ids: &[i64]) -> Result<Vec<(i64, bool)>, ApiError> {
    let rows: Vec<(i64, String)> = people::table
        .filter(people::id.eq_any(ids).and(people::org_id.eq(org_id)).and(people::left_on.is_null()))
        .order(people::id)
        .select((people::id, people::membership_status))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, s)| (id, s == MembershipStatus::Formal.code())).collect())
}

/// Whether the person belongs to an org at or below `org_path` and has not left.
pub fn person_in_subtree(conn: &mut DbConnection, person_id: i64, org_path: &str) -> Result<bool, ApiError> {
    let (lo, hi) = crate::db::subtree_bounds(org_path);
    let n: i64 = people::table
        .inner_join(orgs::table.on(orgs::id.eq(people::org_id)))
        .filter(people::id.eq(person_id).and(people::left_on.is_null()))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn insert_attendees(conn: &mut DbConnection, meeting_id: i64, people: &[(i64, bool)]) -> Result<(), ApiError> {
    for (person_id, voting) in people {
        diesel::insert_into(meeting_attendees::table)
            .values((
                meeting_attendees::meeting_id.eq(meeting_id),
                meeting_attendees::person_id.eq(person_id),
                meeting_attendees::voting.eq(voting),
                meeting_attendees::response.eq("pending"),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn attendees(conn: &mut DbConnection, meeting_id: i64) -> Result<Vec<(AttendeeRow, String)>, ApiError> {
    Ok(meeting_attendees::table
        .inner_join(people::table)
        .filter(meeting_attendees::meeting_id.eq(meeting_id))
        .order(meeting_attendees::id)
        .select((AttendeeRow::as_select(), people::name))
        .load(conn)?)
}

pub fn attendee(conn: &mut DbConnection, meeting_id: i64, person_id: i64) -> Result<Option<AttendeeRow>, ApiError> {
    Ok(meeting_attendees::table
        .filter(meeting_attendees::meeting_id.eq(meeting_id).and(meeting_attendees::person_id.eq(person_id)))
        .select(AttendeeRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn set_response(
    conn: &mut DbConnection,
    attendee_id: i64,
    response: &str,
    reason: Option<&str>,
) -> Result<(), ApiError> {
    diesel::update(meeting_attendees::table.find(attendee_id))
        .set((meeting_attendees::response.eq(response), meeting_attendees::leave_reason.eq(reason)))
        .execute(conn)?;
    Ok(())
}

pub fn set_checked_in(
    conn: &mut DbConnection,
    attendee_id: i64,
    at: Option<NaiveDateTime>,
    method: Option<&str>,
) -> Result<(), ApiError> {
    diesel::update(meeting_attendees::table.find(attendee_id))
        .set((meeting_attendees::checked_in_at.eq(at), meeting_attendees::check_in_method.eq(method)))
        .execute(conn)?;
    Ok(())
}

/// One member's attendance over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberTurnout {
    pub person_id: i64,
    pub name: String,
    /// Meetings the member was expected at (invited and not on approved leave).
    pub expected: i64,
    pub attended: i64,
    pub on_leave: i64,
}

/// Per member invited to an org's meetings held between `from` and `to`, counted in SQL; lowest
/// attendance rate first.
pub fn member_attendance(
    conn: &mut DbConnection,
    org_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MemberTurnout>, ApiError> {
    let in_period = meetings::org_id
        .eq(org_id)
        .and(meetings::held_on.ge(from))
        .and(meetings::held_on.le(to))
        .and(meetings::status.ne("cancelled"));
    let expected: Vec<(i64, String, i64, i64)> = meeting_attendees::table
        .inner_join(meetings::table)
        .inner_join(people::table)
        .filter(in_period)
        .filter(meeting_attendees::response.ne("leave_approved"))
        .group_by((people::id, people::name))
        .select((people::id, people::name, count_star(), count(meeting_attendees::checked_in_at)))
        .load(conn)?;
    let on_leave: Vec<(i64, String, i64)> = meeting_attendees::table
        .inner_join(meetings::table)
        .inner_join(people::table)
        .filter(in_period)
        .filter(meeting_attendees::response.eq("leave_approved"))
        .group_by((people::id, people::name))
        .select((people::id, people::name, count_star()))
        .load(conn)?;
    let mut out: HashMap<i64, MemberTurnout> = expected
        .into_iter()
        .map(|(person_id, name, expected, attended)| {
            (person_id, MemberTurnout { person_id, name, expected, attended, on_leave: 0 })
        })
        .collect();
    for (person_id, name, n) in on_leave {
        out.entry(person_id)
            .or_insert(MemberTurnout { person_id, name, expected: 0, attended: 0, on_leave: 0 })
            .on_leave = n;
    }
    let mut out: Vec<MemberTurnout> = out.into_values().collect();
    out.sort_by_key(|a| (a.attended * 1000 / a.expected.max(1), a.person_id));
    Ok(out)
}

/// A person's meetings held up to `today` that they were expected at (not cancelled, not on
/// approved leave), and how many of them they attended.
pub fn person_totals(conn: &mut DbConnection, person_id: i64, today: NaiveDate) -> Result<(i64, i64), ApiError> {
    Ok(meeting_attendees::table
        .inner_join(meetings::table)
        .filter(meeting_attendees::person_id.eq(person_id))
        .filter(meetings::held_on.le(today).and(meetings::status.ne("cancelled")))
        .filter(meeting_attendees::response.ne("leave_approved"))
        .select((count_star(), count(meeting_attendees::checked_in_at)))
        .first(conn)?)
}
