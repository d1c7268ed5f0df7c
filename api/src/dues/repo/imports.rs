//! Base declarations between preview and apply.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{dues_base_imports as i, orgs, people};
use crate::error::ApiError;

/// (id, org, file name, rows JSON, valid, errors, status, created by)
pub type ImportRow = (i64, i64, String, String, i32, i32, String, i64);

pub struct NewImport<'a> {
    pub org_id: i64,
    pub file_name: &'a str,
    pub rows_json: &'a str,
    pub valid_rows: i32,
    pub error_rows: i32,
    pub created_by: i64,
    pub now: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewImport) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(i::table)
        .values((
            i::org_id.eq(new.org_id),
            i::file_name.eq(new.file_name),
            i::rows_json.eq(new.rows_json),
            i::valid_rows.eq(new.valid_rows),
            i::error_rows.eq(new.error_rows),
            i::status.eq("preview"),
            i::created_by.eq(new.created_by),
            i::created_at.eq(new.now),
        ))
        .returning(i::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<ImportRow, ApiError> {
    i::table
        .find(id)
        .select((i::id, i::org_id, i::file_name, i::rows_json, i::valid_rows, i::error_rows, i::status, i::created_by))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("基数申报"))
}

/// Marks a preview applied: false when it was applied (or discarded) already.
pub fn mark_applied(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> Result<bool, ApiError> {
    Ok(diesel::update(i::table.find(id).filter(i::status.eq("preview")))
        .set((i::status.eq("applied"), i::applied_at.eq(now)))
        .execute(conn)?
        == 1)
}

/// (id, name, 身份证号码, 工号, org path)
pub type Person = (i64, String, String, Option<String>, String);
/// People by 身份证号码 or by 工号.
pub type Named = HashMap<String, Person>;

/// Members named by the file, with their org path: by 身份证号码 and by 工号.
pub fn people_named(conn: &mut DbConnection, cards: &[String], numbers: &[String]) -> Result<(Named, Named), ApiError> {
    let mut by_card = HashMap::new();
    let mut by_number = HashMap::new();
    let columns = (people::id, people::name, people::id_card_number, people::employee_number, orgs::path);
    for chunk in cards.chunks(500) {
        let rows: Vec<Person> = people::table
            .inner_join(orgs::table)
            .filter(people::id_card_number.eq_any(chunk.to_vec()))
            .filter(people::left_on.is_null())
            .select(columns)
            .load(conn)?;
        by_card.extend(rows.into_iter().map(|p| (p.2.clone(), p)));
    }
    for chunk in numbers.chunks(500) {
        let rows: Vec<Person> = people::table
            .inner_join(orgs::table)
            .filter(people::employee_number.eq_any(chunk.to_vec()))
            .filter(people::left_on.is_null())
            .select(columns)
            .load(conn)?;
        by_number.extend(rows.into_iter().filter_map(|p| Some((p.3.clone()?, p))));
    }
    Ok((by_card, by_number))
}
