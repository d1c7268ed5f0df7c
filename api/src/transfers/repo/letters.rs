//! Letters of a case: issued (numbered by their row, with a random token for the QR code),
//! voided when re-issued, looked up by token for the public check.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::transfer_letters as l;
use crate::error::ApiError;
use crate::transfers::models::{LetterRow, NewLetter};

/// Inserts the letter, numbers it `{prefix}〔{year}〕{id:05}号` and returns the row.
pub fn issue(conn: &mut DbConnection, new: &NewLetter, prefix: &str, year: i32) -> Result<LetterRow, ApiError> {
    let id: i64 = diesel::insert_into(l::table).values(new).returning(l::id).get_result(conn)?;
    if new.letter_no.is_empty() {
        let number = format!("{prefix}〔{year}〕{id:05}号");
        diesel::update(l::table.find(id)).set(l::letter_no.eq(number)).execute(conn)?;
    }
    Ok(l::table.find(id).select(LetterRow::as_select()).first(conn)?)
}

/// Voids the case's letters still in force.
pub fn void_all(conn: &mut DbConnection, transfer: i64, reason: &str) -> Result<usize, ApiError> {
    Ok(diesel::update(l::table.filter(l::transfer_id.eq(transfer).and(l::void_reason.is_null())))
        .set(l::void_reason.eq(reason))
        .execute(conn)?)
}

/// The letters of the given cases, newest first.
pub fn of(conn: &mut DbConnection, transfers: &[i64]) -> Result<Vec<LetterRow>, ApiError> {
    Ok(l::table
        .filter(l::transfer_id.eq_any(transfers))
        .order(l::id.desc())
        .select(LetterRow::as_select())
        .load(conn)?)
}

pub fn by_token(conn: &mut DbConnection, token: &str) -> Result<Option<LetterRow>, ApiError> {
    Ok(l::table.filter(l::token.eq(token)).select(LetterRow::as_select()).first(conn).optional()?)
}

/// Letters in force expiring on `day`, for the reminder.
pub fn expiring_on(conn: &mut DbConnection, day: NaiveDate) -> Result<Vec<LetterRow>, ApiError> {
    Ok(l::table
        .filter(l::valid_until.eq(day).and(l::void_reason.is_null()).and(l::kind.ne("incoming")))
        .select(LetterRow::as_select())
        .load(conn)?)
}
