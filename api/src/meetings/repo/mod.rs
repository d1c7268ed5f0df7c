//! The only diesel code of the meetings feature.

pub mod attachments;
pub mod attendees;
pub mod compliance;
pub mod ratings;
pub mod record;

pub use attendees::*;
pub use record::*;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{count, count_star};
use diesel::prelude::*;
use shared::rules::meetings::MeetingKind;

use crate::clock::wall_now as now;
use crate::db::schema::{meeting_attendees, meetings, orgs, users};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = meetings)]
pub struct MeetingRow {
    pub id: i64,
    pub org_id: i64,
    pub kind: String,
    pub topic: String,
    pub starts_at: NaiveDateTime,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub online: bool,
    pub host_person_id: Option<i64>,
    pub recorder_person_id: Option<i64>,
    pub agenda: Option<String>,
    pub status: String,
    pub minutes: Option<String>,
    pub decisions: Option<String>,
    pub lecturer: Option<String>,
    pub entitled_voters: i32,
    pub signed_at: Option<NaiveDateTime>,
    pub signed_by: Option<i64>,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = meeting_attendees)]
pub struct AttendeeRow {
    pub id: i64,
    pub meeting_id: i64,
    pub person_id: i64,
    pub voting: bool,
    pub response: String,
    pub leave_reason: Option<String>,
    pub checked_in_at: Option<NaiveDateTime>,
    pub check_in_method: Option<String>,
}

pub struct NewMeeting<'a> {
    pub org_id: i64,
    pub kind: &'a str,
    pub topic: &'a str,
    pub starts_at: NaiveDateTime,
    pub place: Option<&'a str>,
    pub online: bool,
    pub host: Option<i64>,
    pub recorder: Option<i64>,
    pub agenda: Option<&'a str>,
    pub created_by: i64,
}

pub fn insert(conn: &mut DbConnection, m: &NewMeeting) -> Result<i64, ApiError> {
    let now = now();
    Ok(diesel::insert_into(meetings::table)
        .values((
            meetings::org_id.eq(m.org_id),
            meetings::kind.eq(m.kind),
            meetings::topic.eq(m.topic),
            meetings::starts_at.eq(m.starts_at),
            meetings::held_on.eq(m.starts_at.date()),
            meetings::place.eq(m.place),
            meetings::online.eq(m.online),
            meetings::host_person_id.eq(m.host),
            meetings::recorder_person_id.eq(m.recorder),
            meetings::agenda.eq(m.agenda),
            meetings::status.eq("planned"),
            meetings::version.eq(1),
            meetings::created_by.eq(Some(m.created_by)),
            meetings::created_at.eq(now),
            meetings::updated_at.eq(now),
        ))
        .returning(meetings::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<MeetingRow, ApiError> {
    meetings::table
        .find(id)
        .select(MeetingRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("会议"))
}

/// Who was invited to a meeting, who was present and who was on approved leave.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Turnout {
    pub expected: i64,
    pub present: i64,
    pub on_leave: i64,
}

/// Turnout per meeting, counted in SQL (the ids are one page of meetings, or one branch-year).
pub fn turnout(conn: &mut DbConnection, meeting_ids: &[i64]) -> Result<HashMap<i64, Turnout>, ApiError> {
    let invited: Vec<(i64, i64, i64)> = meeting_attendees::table
        .filter(meeting_attendees::meeting_id.eq_any(meeting_ids))
        .group_by(meeting_attendees::meeting_id)
        .select((meeting_attendees::meeting_id, count_star(), count(meeting_attendees::checked_in_at)))
        .load(conn)?;
    let on_leave: Vec<(i64, i64)> = meeting_attendees::table
        .filter(meeting_attendees::meeting_id.eq_any(meeting_ids))
        .filter(meeting_attendees::response.eq("leave_approved"))
        .group_by(meeting_attendees::meeting_id)
        .select((meeting_attendees::meeting_id, count_star()))
        .load(conn)?;
    let mut out: HashMap<i64, Turnout> =
        invited.into_iter().map(|(id, expected, present)| (id, Turnout { expected, present, on_leave: 0 })).collect();
    for (id, n) in on_leave {
        out.entry(id).or_default().on_leave = n;
    }
    Ok(out)
}

pub fn list(
    conn: &mut DbConnection,
    org_path: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    kind: Option<MeetingKind>,
    after_id: Option<i64>,
    limit: i64,
) -> Result<Vec<MeetingRow>, ApiError> {
    let (lo, hi) = subtree_bounds(org_path);
    let mut query = meetings::table
        .filter(meetings::org_id.eq_any(orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id)))
        .order(meetings::id)
        .limit(limit)
        .select(MeetingRow::as_select())
        .into_boxed();
    // Open ends are left out rather than written as NaiveDate::MIN/MAX: SQLite compares dates
    // as text, and "+262143-12-31" sorts before every real date.
    if let Some(from) = from {
        query = query.filter(meetings::held_on.ge(from));
    }
    if let Some(to) = to {
        query = query.filter(meetings::held_on.le(to));
    }
    if let Some(kind) = kind {
        query = query.filter(meetings::kind.eq(kind.code()));
    }
    if let Some(after) = after_id {
        query = query.filter(meetings::id.gt(after));
    }
    Ok(query.load(conn)?)
}

/// Meetings a person was expected at, newest first.
pub fn of_person(
    conn: &mut DbConnection,
    person_id: i64,
    limit: i64,
) -> Result<Vec<(MeetingRow, AttendeeRow)>, ApiError> {
    Ok(meeting_attendees::table
        .inner_join(meetings::table)
        .filter(meeting_attendees::person_id.eq(person_id))
        .order(meetings::starts_at.desc())
        .limit(limit)
        .select((MeetingRow::as_select(), AttendeeRow::as_select()))
        .load(conn)?)
}

/// Users linked to the given people, for in-app notices.
pub fn users_of(conn: &mut DbConnection, person_ids: &[i64]) -> Result<Vec<(i64, Option<i64>)>, ApiError> {
    Ok(users::table.filter(users::person_id.eq_any(person_ids)).select((users::id, users::person_id)).load(conn)?)
}
