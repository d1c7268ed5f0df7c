//! The diesel code of member development that is not generic workflow: person changes and the
//! editable calendar.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::MembershipStatus;
use shared::rules::calendar::{DayKind, WorkCalendar};

use super::process::PersonChange;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{calendar_days, people};
use crate::error::ApiError;

pub fn statuses(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<(i64, String, Option<NaiveDate>)>, ApiError> {
    Ok(people::table
        .filter(people::id.eq_any(ids))
        .select((people::id, people::membership_status, people::left_on))
        .load(conn)?)
}

/// Names of the given people (one page of instances).
pub fn person_names(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<(i64, String)>, ApiError> {
    Ok(people::table.filter(people::id.eq_any(ids)).select((people::id, people::name)).load(conn)?)
}

/// Writes the membership change if the person is still at `version`, and says whether it did
/// (the version bump comes first and takes the row lock on PostgreSQL, so the caller's
/// before-image is exactly what the change replaced).
pub fn apply_person_change(
    conn: &mut DbConnection,
    person_id: i64,
    version: i32,
    change: &PersonChange,
) -> Result<bool, ApiError> {
    let claimed = diesel::update(people::table.filter(people::id.eq(person_id).and(people::version.eq(version))))
        .set((people::version.eq(version + 1), people::updated_at.eq(now())))
        .execute(conn)?;
    if claimed == 0 {
        return Ok(false);
    }
    let target = people::table.find(person_id);
    match change {
        PersonChange::Status(status) => {
            diesel::update(target).set(people::membership_status.eq(status.code())).execute(conn)?
        }
        PersonChange::Probationary { join_date } => diesel::update(target)
            .set((
                people::membership_status.eq(MembershipStatus::Probationary.code()),
                people::join_date.eq(Some(*join_date)),
                people::full_member_date.eq(None::<NaiveDate>),
            ))
            .execute(conn)?,
        PersonChange::Formal { full_member_date } => diesel::update(target)
            .set((
                people::membership_status.eq(MembershipStatus::Formal.code()),
                people::full_member_date.eq(Some(*full_member_date)),
            ))
            .execute(conn)?,
        PersonChange::ProbationCancelled => diesel::update(target)
            .set((
                people::membership_status.eq(MembershipStatus::Masses.code()),
                people::join_date.eq(None::<NaiveDate>),
            ))
            .execute(conn)?,
    };
    let on = match change {
        PersonChange::Probationary { join_date } => *join_date,
        PersonChange::Formal { full_member_date } => *full_member_date,
        _ => now().date(),
    };
    crate::statistics::repo::history::record_person(conn, person_id, on)?;
    Ok(true)
}

/// The shipped calendar with the admins' edits on top.
pub fn calendar(conn: &mut DbConnection) -> Result<WorkCalendar, ApiError> {
    let edits: Vec<(NaiveDate, String)> =
        calendar_days::table.select((calendar_days::day, calendar_days::kind)).load(conn)?;
    let mut years: Vec<_> = WorkCalendar::shipped().years().cloned().collect();
    for (day, kind) in edits {
        let kind = if kind == "workday" { DayKind::Workday } else { DayKind::Holiday };
        let y = chrono::Datelike::year(&day);
        if !years.iter().any(|c| c.year == y) {
            years.push(shared::rules::calendar::CalendarYear {
                year: y,
                confirmed: false,
                source: "管理员维护".into(),
                days: Default::default(),
            });
        }
        if let Some(year) = years.iter_mut().find(|c| c.year == y) {
            year.days.insert(day, kind);
        }
    }
    Ok(WorkCalendar::new(years))
}

/// Sets (or with `normal`, removes) an admin edit of one calendar day, audited.
pub fn edit_calendar(
    conn: &mut DbConnection,
    actor: &crate::auth::Actor,
    day: NaiveDate,
    kind: &str,
    note: Option<&str>,
) -> Result<(), ApiError> {
    let max = shared::limits::CALENDAR_NOTE_MAX_CHARS;
    if note.is_some_and(|n| shared::limits::too_long(n, max) || shared::limits::has_control_chars(n)) {
        return Err(ApiError::field("note", "invalid", format!("说明不能超过{max}个字，且不能包含控制字符")));
    }
    diesel::delete(calendar_days::table.find(day)).execute(conn)?;
    if kind != "normal" {
        diesel::insert_into(calendar_days::table)
            .values((calendar_days::day.eq(day), calendar_days::kind.eq(kind), calendar_days::note.eq(note)))
            .execute(conn)?;
    }
    crate::audit::record(
        conn,
        Some(actor),
        "edit",
        "calendar_day",
        0,
        None::<&()>,
        Some(&serde_json::json!({"day": day, "kind": kind, "note": note})),
    )?;
    Ok(())
}
