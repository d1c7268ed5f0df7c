//! The only diesel code of the meetings feature.

pub mod attachments;
pub mod ratings;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::api::meetings::AmendField;
use shared::rules::meetings::MeetingKind;
use shared::{MembershipStatus, RoleKind};

use crate::clock::wall_now as now;
use crate::db::schema::{meeting_amendments, meeting_attendees, meetings, orgs, people, role_assignments, users};
use crate::db::{DbConnection, expect_one_row, subtree_bounds};
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

/// Current members of an org (正式 and 预备) with whether they vote (正式 only).
pub fn branch_members(conn: &mut DbConnection, org_id: i64) -> Result<Vec<(i64, bool)>, ApiError> {
    let rows: Vec<(i64, String)> = people::table
        .filter(people::org_id.eq(org_id).and(people::left_on.is_null()))
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
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

pub struct RecordFields<'a> {
    pub minutes: Option<&'a str>,
    pub decisions: Option<&'a str>,
    pub lecturer: Option<&'a str>,
}

pub fn update_record(conn: &mut DbConnection, id: i64, version: i32, f: &RecordFields) -> Result<(), ApiError> {
    let updated = diesel::update(
        meetings::table
            .filter(meetings::id.eq(id).and(meetings::version.eq(version)).and(meetings::status.eq("planned"))),
    )
    .set((
        meetings::minutes.eq(f.minutes),
        meetings::decisions.eq(f.decisions),
        meetings::lecturer.eq(f.lecturer),
        meetings::version.eq(version + 1),
        meetings::updated_at.eq(now()),
    ))
    .execute(conn)?;
    expect_one_row(updated)
}

pub fn sign(conn: &mut DbConnection, id: i64, version: i32, user_id: i64, entitled: i32) -> Result<(), ApiError> {
    let updated = diesel::update(
        meetings::table
            .filter(meetings::id.eq(id).and(meetings::version.eq(version)).and(meetings::status.eq("planned"))),
    )
    .set((
        meetings::status.eq("signed"),
        meetings::signed_at.eq(Some(now())),
        meetings::signed_by.eq(Some(user_id)),
        meetings::entitled_voters.eq(entitled),
        meetings::version.eq(version + 1),
        meetings::updated_at.eq(now()),
    ))
    .execute(conn)?;
    expect_one_row(updated)
}

pub fn amend(
    conn: &mut DbConnection,
    m: &MeetingRow,
    field: AmendField,
    value: &str,
    reason: &str,
    user_id: i64,
) -> Result<(), ApiError> {
    let before = match field {
        AmendField::Minutes => m.minutes.clone(),
        AmendField::Decisions => m.decisions.clone(),
        AmendField::Lecturer => m.lecturer.clone(),
        AmendField::Topic => Some(m.topic.clone()),
    };
    let target = meetings::table.filter(meetings::id.eq(m.id).and(meetings::version.eq(m.version)));
    let updated = match field {
        AmendField::Minutes => diesel::update(target).set(meetings::minutes.eq(Some(value))).execute(conn)?,
        AmendField::Decisions => diesel::update(target).set(meetings::decisions.eq(Some(value))).execute(conn)?,
        AmendField::Lecturer => diesel::update(target).set(meetings::lecturer.eq(Some(value))).execute(conn)?,
        AmendField::Topic => diesel::update(target).set(meetings::topic.eq(value)).execute(conn)?,
    };
    expect_one_row(updated)?;
    diesel::update(meetings::table.find(m.id))
        .set((meetings::version.eq(m.version + 1), meetings::updated_at.eq(now())))
        .execute(conn)?;
    diesel::insert_into(meeting_amendments::table)
        .values((
            meeting_amendments::meeting_id.eq(m.id),
            meeting_amendments::field.eq(field.code()),
            meeting_amendments::before_text.eq(before),
            meeting_amendments::after_text.eq(Some(value)),
            meeting_amendments::reason.eq(reason),
            meeting_amendments::amended_by.eq(Some(user_id)),
            meeting_amendments::amended_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub type AmendmentRow = (String, Option<String>, Option<String>, String, Option<String>, NaiveDateTime);

pub fn amendments(conn: &mut DbConnection, meeting_id: i64) -> Result<Vec<AmendmentRow>, ApiError> {
    Ok(meeting_amendments::table
        .left_join(users::table.on(users::id.nullable().eq(meeting_amendments::amended_by)))
        .filter(meeting_amendments::meeting_id.eq(meeting_id))
        .order(meeting_amendments::id)
        .select((
            meeting_amendments::field,
            meeting_amendments::before_text,
            meeting_amendments::after_text,
            meeting_amendments::reason,
            users::display_name.nullable(),
            meeting_amendments::amended_at,
        ))
        .load(conn)?)
}

/// (expected, present, on approved leave) per meeting.
pub fn counts(conn: &mut DbConnection, meeting_ids: &[i64]) -> Result<Vec<(i64, i64, i64, i64)>, ApiError> {
    let rows: Vec<(i64, Option<NaiveDateTime>, String)> = meeting_attendees::table
        .filter(meeting_attendees::meeting_id.eq_any(meeting_ids))
        .select((meeting_attendees::meeting_id, meeting_attendees::checked_in_at, meeting_attendees::response))
        .load(conn)?;
    let mut out: Vec<(i64, i64, i64, i64)> = meeting_ids.iter().map(|id| (*id, 0, 0, 0)).collect();
    for (meeting, checked, response) in rows {
        if let Some(entry) = out.iter_mut().find(|e| e.0 == meeting) {
            entry.1 += 1;
            entry.2 += i64::from(checked.is_some());
            entry.3 += i64::from(response == "leave_approved");
        }
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

/// (person id, name, meetings expected, attended, on leave) — see `member_attendance`.
pub type AttendanceCounts = (i64, String, i64, i64, i64);

/// Per member of an org: (person, name, expected, attended, on approved leave) over meetings
/// held between `from` and `to`.
pub fn member_attendance(
    conn: &mut DbConnection,
    org_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AttendanceCounts>, ApiError> {
    let rows: Vec<(i64, String, Option<NaiveDateTime>, String)> = meeting_attendees::table
        .inner_join(meetings::table)
        .inner_join(people::table)
        .filter(
            meetings::org_id
                .eq(org_id)
                .and(meetings::held_on.ge(from))
                .and(meetings::held_on.le(to))
                .and(meetings::status.ne("cancelled")),
        )
        .select((
            meeting_attendees::person_id,
            people::name,
            meeting_attendees::checked_in_at,
            meeting_attendees::response,
        ))
        .load(conn)?;
    let mut out: Vec<(i64, String, i64, i64, i64)> = Vec::new();
    for (person, name, checked, response) in rows {
        let index = match out.iter().position(|r| r.0 == person) {
            Some(i) => i,
            None => {
                out.push((person, name, 0, 0, 0));
                out.len() - 1
            }
        };
        let row = &mut out[index];
        if response == "leave_approved" {
            row.4 += 1;
        } else {
            row.2 += 1;
            row.3 += i64::from(checked.is_some());
        }
    }
    out.sort_by_key(|a| a.3 * 1000 / a.2.max(1));
    Ok(out)
}

/// A server-wide setting (e.g. the check-in secret), if set.
pub fn setting(conn: &mut DbConnection, key: &str) -> Result<Option<String>, ApiError> {
    use crate::db::schema::settings;
    Ok(settings::table.find(key).select(settings::value).first::<String>(conn).optional()?)
}

pub fn insert_setting(conn: &mut DbConnection, key: &str, value: &str) -> Result<(), ApiError> {
    use crate::db::schema::settings;
    diesel::insert_into(settings::table).values((settings::key.eq(key), settings::value.eq(value))).execute(conn)?;
    Ok(())
}
