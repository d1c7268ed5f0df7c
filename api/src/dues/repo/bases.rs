//! Dues bases: a member's category and base from a month on, with their history.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::dues_bases as b;
use crate::error::ApiError;

/// (id, person, category, base, monthly, effective month, source, note, confirmed, created, version)
pub type BaseRow =
    (i64, i64, String, i64, i64, NaiveDate, String, Option<String>, Option<NaiveDateTime>, NaiveDateTime, i32);

type Columns = (
    b::id,
    b::person_id,
    b::category,
    b::base_fen,
    b::monthly_fen,
    b::effective_month,
    b::source,
    b::note,
    b::confirmed_at,
    b::created_at,
    b::version,
);

const COLUMNS: Columns = (
    b::id,
    b::person_id,
    b::category,
    b::base_fen,
    b::monthly_fen,
    b::effective_month,
    b::source,
    b::note,
    b::confirmed_at,
    b::created_at,
    b::version,
);

/// Every base of a person, newest month first.
pub fn of_person(conn: &mut DbConnection, person: i64) -> Result<Vec<BaseRow>, ApiError> {
    Ok(b::table.filter(b::person_id.eq(person)).order(b::effective_month.desc()).select(COLUMNS).load(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<BaseRow, ApiError> {
    b::table.find(id).select(COLUMNS).first(conn).optional()?.ok_or_else(|| ApiError::not_found("党费基数"))
}

/// (base id, category, base, monthly)
pub type InForce = (i64, String, i64, i64);

/// The bases in force in `month` for the given people (all people when `people` is none):
/// person → (base id, category, base, monthly).
pub fn in_force(
    conn: &mut DbConnection,
    month: NaiveDate,
    people: Option<&[i64]>,
) -> Result<HashMap<i64, InForce>, ApiError> {
    let mut query = b::table
        .filter(b::effective_month.le(month))
        .select((b::person_id, b::id, b::category, b::base_fen, b::monthly_fen))
        .order((b::person_id, b::effective_month))
        .into_boxed();
    if let Some(people) = people {
        query = query.filter(b::person_id.eq_any(people.to_vec()));
    }
    let rows: Vec<(i64, i64, String, i64, i64)> = query.load(conn)?;
    // Ordered by month, so the last row of each person is the one in force.
    Ok(rows.into_iter().map(|(person, id, category, base, monthly)| (person, (id, category, base, monthly))).collect())
}

pub struct NewBase<'a> {
    pub person_id: i64,
    pub category: &'a str,
    pub base_fen: i64,
    pub monthly_fen: i64,
    pub rules_version: &'a str,
    pub effective_month: NaiveDate,
    pub source: &'a str,
    pub note: Option<&'a str>,
    pub recorded_by: Option<i64>,
    pub now: NaiveDateTime,
}

/// Records a base; one for the same person and month is replaced (and needs confirming again).
/// Returns the id and the row it replaced.
pub fn put(conn: &mut DbConnection, new: &NewBase) -> Result<(i64, Option<BaseRow>), ApiError> {
    let before: Option<BaseRow> = b::table
        .filter(b::person_id.eq(new.person_id).and(b::effective_month.eq(new.effective_month)))
        .select(COLUMNS)
        .first(conn)
        .optional()?;
    if let Some(old) = &before {
        diesel::update(b::table.find(old.0))
            .set((
                b::category.eq(new.category),
                b::base_fen.eq(new.base_fen),
                b::monthly_fen.eq(new.monthly_fen),
                b::rules_version.eq(new.rules_version),
                b::source.eq(new.source),
                b::note.eq(new.note),
                b::recorded_by.eq(new.recorded_by),
                b::confirmed_at.eq(None::<NaiveDateTime>),
                b::created_at.eq(new.now),
                b::version.eq(old.10 + 1),
            ))
            .execute(conn)?;
        return Ok((old.0, before));
    }
    let id = diesel::insert_into(b::table)
        .values((
            b::person_id.eq(new.person_id),
            b::category.eq(new.category),
            b::base_fen.eq(new.base_fen),
            b::monthly_fen.eq(new.monthly_fen),
            b::rules_version.eq(new.rules_version),
            b::effective_month.eq(new.effective_month),
            b::source.eq(new.source),
            b::note.eq(new.note),
            b::recorded_by.eq(new.recorded_by),
            b::created_at.eq(new.now),
        ))
        .returning(b::id)
        .get_result(conn)?;
    Ok((id, None))
}

/// The member confirms their base; 0 rows when the version moved on (edited meanwhile).
pub fn confirm(conn: &mut DbConnection, id: i64, version: i32, now: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::update(b::table.filter(b::id.eq(id).and(b::version.eq(version))))
        .set(b::confirmed_at.eq(now))
        .execute(conn)?)
}
