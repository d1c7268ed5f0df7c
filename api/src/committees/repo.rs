//! Queries of committees and terms.

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;
use shared::MembershipStatus;

use super::models::{CommitteeMemberRow, NewCommitteeMember, NewTerm, SeatRow, TermRow};
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{committee_members, org_terms, orgs, people, role_assignments, users};
use crate::error::ApiError;

fn seats(conn: &mut DbConnection, org_id: i64, current: bool) -> Result<Vec<SeatRow>, ApiError> {
    let mut query = committee_members::table
        .inner_join(people::table)
        .left_join(users::table.on(users::person_id.eq(committee_members::person_id.nullable())))
        .filter(committee_members::org_id.eq(org_id))
        .order((committee_members::left_on.desc(), committee_members::id))
        .select((CommitteeMemberRow::as_select(), people::name, people::full_member_date, users::id.nullable()))
        .into_boxed();
    query = if current {
        query.filter(committee_members::left_on.is_null())
    } else {
        query.filter(committee_members::left_on.is_not_null()).limit(50)
    };
    let rows: Vec<(CommitteeMemberRow, String, Option<NaiveDate>, Option<i64>)> = query.load(conn)?;
    let mut out: Vec<SeatRow> = Vec::with_capacity(rows.len());
    for (seat, name, full_member_date, user_id) in rows {
        // A person with two accounts appears once.
        if !out.iter().any(|s| s.seat.id == seat.id) {
            out.push(SeatRow { seat, name, full_member_date, user_id });
        }
    }
    Ok(out)
}

/// The open seats of an org.
pub fn current(conn: &mut DbConnection, org_id: i64) -> Result<Vec<SeatRow>, ApiError> {
    seats(conn, org_id, true)
}

/// Seats that ended (the latest 50).
pub fn former(conn: &mut DbConnection, org_id: i64) -> Result<Vec<SeatRow>, ApiError> {
    seats(conn, org_id, false)
}

pub fn seat(conn: &mut DbConnection, id: i64) -> Result<CommitteeMemberRow, ApiError> {
    committee_members::table
        .find(id)
        .select(CommitteeMemberRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("委员"))
}

pub fn insert(conn: &mut DbConnection, new: &NewCommitteeMember) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(committee_members::table).values(new).returning(committee_members::id).get_result(conn)?)
}

/// Ends a seat and revokes the role that came with it.
pub fn end(conn: &mut DbConnection, seat: &CommitteeMemberRow, on: NaiveDate, reason: &str) -> Result<(), ApiError> {
    diesel::update(committee_members::table.find(seat.id).filter(committee_members::left_on.is_null()))
        .set((committee_members::left_on.eq(Some(on)), committee_members::left_reason.eq(Some(reason))))
        .execute(conn)?;
    if let Some(role) = seat.role_assignment_id {
        revoke_role(conn, role)?;
    }
    Ok(())
}

pub fn revoke_role(conn: &mut DbConnection, role: i64) -> Result<(), ApiError> {
    diesel::update(role_assignments::table.find(role).filter(role_assignments::revoked_at.is_null()))
        .set(role_assignments::revoked_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}

pub fn set_role_title(conn: &mut DbConnection, role: i64, title: &str) -> Result<(), ApiError> {
    diesel::update(role_assignments::table.find(role)).set(role_assignments::title.eq(Some(title))).execute(conn)?;
    Ok(())
}

/// Active roles of `kind` at `org` that carry a title (a post), with their users' people:
/// (role, user, person).
pub fn titled_roles(
    conn: &mut DbConnection,
    org_id: i64,
    kind: &str,
) -> Result<Vec<(i64, i64, Option<i64>)>, ApiError> {
    Ok(role_assignments::table
        .inner_join(users::table)
        .filter(role_assignments::org_id.eq(org_id).and(role_assignments::kind.eq(kind)))
        .filter(role_assignments::revoked_at.is_null().and(role_assignments::title.is_not_null()))
        .select((role_assignments::id, users::id, users::person_id))
        .load(conn)?)
}

/// The first account of a person.
pub fn user_of(conn: &mut DbConnection, person_id: i64) -> Result<Option<i64>, ApiError> {
    Ok(users::table
        .filter(users::person_id.eq(person_id).and(users::disabled.eq(false)))
        .order(users::id)
        .select(users::id)
        .first(conn)
        .optional()?)
}

/// A person's open seats anywhere but `staying_in` end (their relationship left the org).
pub fn vacate_person(
    conn: &mut DbConnection,
    person_id: i64,
    staying_in: Option<i64>,
    on: NaiveDate,
    reason: &str,
) -> Result<usize, ApiError> {
    let open: Vec<CommitteeMemberRow> = committee_members::table
        .filter(committee_members::person_id.eq(person_id).and(committee_members::left_on.is_null()))
        .select(CommitteeMemberRow::as_select())
        .load(conn)?;
    let mut ended = 0;
    for seat in open.iter().filter(|s| Some(s.org_id) != staying_in) {
        end(conn, seat, on, reason)?;
        ended += 1;
    }
    Ok(ended)
}

pub fn terms(conn: &mut DbConnection, org_id: i64) -> Result<Vec<TermRow>, ApiError> {
    Ok(org_terms::table
        .filter(org_terms::org_id.eq(org_id))
        .order(org_terms::started_on.desc())
        .limit(20)
        .select(TermRow::as_select())
        .load(conn)?)
}

/// Closes the open term (if any) and starts a new one, also on the org's row (the reminders read it).
pub fn start_term(conn: &mut DbConnection, new: &NewTerm) -> Result<(), ApiError> {
    diesel::update(org_terms::table.filter(org_terms::org_id.eq(new.org_id).and(org_terms::ended_on.is_null())))
        .set(org_terms::ended_on.eq(Some(new.started_on)))
        .execute(conn)?;
    diesel::insert_into(org_terms::table).values(new).execute(conn)?;
    diesel::update(orgs::table.find(new.org_id))
        .set((
            orgs::term_started_on.eq(Some(new.started_on)),
            orgs::term_years.eq(Some(new.years)),
            orgs::version.eq(orgs::version + 1),
            orgs::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// 正式 and 预备 members whose formal relationship is in the org: (formal, probationary).
pub fn member_counts(conn: &mut DbConnection, org_id: i64) -> Result<(i64, i64), ApiError> {
    let rows: Vec<(String, i64)> = people::table
        .filter(people::org_id.eq(org_id).and(people::left_on.is_null()))
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
        .group_by(people::membership_status)
        .select((people::membership_status, count_star()))
        .load(conn)?;
    let of = |s: MembershipStatus| rows.iter().find(|r| r.0 == s.code()).map_or(0, |r| r.1);
    Ok((of(MembershipStatus::Formal), of(MembershipStatus::Probationary)))
}

/// Current secretaries' names of the given orgs: (org, name).
pub fn secretaries(conn: &mut DbConnection, org_ids: &[i64]) -> Result<Vec<(i64, String)>, ApiError> {
    Ok(committee_members::table
        .inner_join(people::table)
        .filter(committee_members::org_id.eq_any(org_ids))
        .filter(committee_members::left_on.is_null().and(committee_members::post.eq("secretary")))
        .select((committee_members::org_id, people::name))
        .load(conn)?)
}

/// Open seats per org (for the composition findings): (org, seats, with a secretary).
pub fn seat_counts(conn: &mut DbConnection) -> Result<Vec<(i64, i64)>, ApiError> {
    Ok(committee_members::table
        .filter(committee_members::left_on.is_null())
        .group_by(committee_members::org_id)
        .select((committee_members::org_id, count_star()))
        .load(conn)?)
}

/// Open terms and the seats they started with: (org, seats).
pub fn open_terms(conn: &mut DbConnection) -> Result<Vec<(i64, i32)>, ApiError> {
    Ok(org_terms::table
        .filter(org_terms::ended_on.is_null())
        .select((org_terms::org_id, org_terms::seats))
        .load(conn)?)
}
