//! What the reminders read: who to tell (officers of an org, their people) and what is due.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::RoleKind;

use crate::db::DbConnection;
use crate::db::schema::{meeting_attendees, meetings, orgs, people, role_assignments, users, workflow_instances};
use crate::error::ApiError;

/// An officer to remind: (org, user, the user's person, whether they gave an e-mail address).
pub type Officer = (i64, i64, Option<i64>, bool);

/// Active holders of `kind` roles at the given orgs, with their person (for SMS).
pub fn officers(conn: &mut DbConnection, kind: RoleKind, org_ids: &[i64]) -> Result<Vec<Officer>, ApiError> {
    Ok(role_assignments::table
        .inner_join(users::table)
        .filter(role_assignments::kind.eq(kind.code()))
        .filter(role_assignments::org_id.eq_any(org_ids))
        .filter(role_assignments::revoked_at.is_null())
        .filter(users::disabled.eq(false))
        .select((role_assignments::org_id, users::id, users::person_id, users::email.is_not_null()))
        .distinct()
        .load(conn)?)
}

/// Planned meetings held on `day`: (id, org name, topic, starts_at).
pub fn meetings_on(
    conn: &mut DbConnection,
    day: NaiveDate,
) -> Result<Vec<(i64, String, String, NaiveDateTime)>, ApiError> {
    Ok(meetings::table
        .inner_join(orgs::table.on(orgs::id.eq(meetings::org_id)))
        .filter(meetings::held_on.eq(day).and(meetings::status.eq("planned")))
        .select((meetings::id, orgs::name, meetings::topic, meetings::starts_at))
        .load(conn)?)
}

/// Those invited to the meetings who have not been excused: (meeting, person, their user).
pub fn invited(conn: &mut DbConnection, meeting_ids: &[i64]) -> Result<Vec<(i64, i64, Option<i64>)>, ApiError> {
    Ok(meeting_attendees::table
        .left_join(users::table.on(users::person_id.eq(meeting_attendees::person_id.nullable())))
        .filter(meeting_attendees::meeting_id.eq_any(meeting_ids))
        .filter(meeting_attendees::response.ne("leave_approved"))
        .select((meeting_attendees::meeting_id, meeting_attendees::person_id, users::id.nullable()))
        .load(conn)?)
}

/// An org with a committee term: (id, parent, name, term start, term years).
pub type OrgTerm = (i64, Option<i64>, String, NaiveDate, i32);

/// Active orgs with a committee term.
pub fn orgs_with_terms(conn: &mut DbConnection) -> Result<Vec<OrgTerm>, ApiError> {
    type Row = (i64, Option<i64>, String, Option<NaiveDate>, Option<i32>);
    let rows: Vec<Row> = orgs::table
        .filter(orgs::status.eq("active"))
        .filter(orgs::term_started_on.is_not_null().and(orgs::term_years.is_not_null()))
        .select((orgs::id, orgs::parent_id, orgs::name, orgs::term_started_on, orgs::term_years))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, parent, name, start, years)| Some((id, parent, name, start?, years?)))
        .collect())
}

/// An open development case with a deadline or end of a waiting period in `[from, until]`:
/// (instance, org, org name, person name, step, due_on, ready_on).
pub type DueCase = (i64, i64, String, String, i32, Option<NaiveDate>, Option<NaiveDate>);

pub fn development_due(conn: &mut DbConnection, from: NaiveDate, until: NaiveDate) -> Result<Vec<DueCase>, ApiError> {
    Ok(workflow_instances::table
        .inner_join(orgs::table.on(orgs::id.eq(workflow_instances::org_id)))
        .inner_join(people::table.on(people::id.eq(workflow_instances::subject_person_id)))
        .filter(workflow_instances::process.eq(crate::development::process::PROCESS))
        .filter(workflow_instances::status.eq("active"))
        .filter(workflow_instances::due_on.between(from, until).or(workflow_instances::ready_on.between(from, until)))
        .select((
            workflow_instances::id,
            workflow_instances::org_id,
            orgs::name,
            people::name,
            workflow_instances::step,
            workflow_instances::due_on,
            workflow_instances::ready_on,
        ))
        .load(conn)?)
}
