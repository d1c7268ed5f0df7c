//! Queries of the record: minutes before sign-off, signing, and amendments after it.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::meetings::AmendField;

use super::MeetingRow;
use crate::clock::wall_now as now;
use crate::db::schema::{meeting_amendments, meetings, users};
use crate::db::{DbConnection, expect_one_row};
use crate::error::ApiError;

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
    version: i32,
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
    let target = meetings::table.filter(meetings::id.eq(m.id).and(meetings::version.eq(version)));
    let updated = match field {
        AmendField::Minutes => diesel::update(target).set(meetings::minutes.eq(Some(value))).execute(conn)?,
        AmendField::Decisions => diesel::update(target).set(meetings::decisions.eq(Some(value))).execute(conn)?,
        AmendField::Lecturer => diesel::update(target).set(meetings::lecturer.eq(Some(value))).execute(conn)?,
        AmendField::Topic => diesel::update(target).set(meetings::topic.eq(value)).execute(conn)?,
    };
    expect_one_row(updated)?;
    diesel::update(meetings::table.find(m.id))
        .set((meetings::version.eq(version + 1), meetings::updated_at.eq(now())))
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
