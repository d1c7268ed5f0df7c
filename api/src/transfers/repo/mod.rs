//! The diesel code of transfers: the case rows (lists and queues filtered in SQL by either
//! side's org), their letters, and the people they create or move.

pub mod letters;
pub mod people;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::models::{NewTransfer, TransferRow};
use crate::clock::wall_now as now;
use crate::db::schema::{orgs, transfers as t};
use crate::db::{DbConnection, MultiBackend, expect_one_row, like_escape};
use crate::error::ApiError;

pub fn insert(conn: &mut DbConnection, new: &NewTransfer) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(t::table).values(new).returning(t::id).get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<TransferRow, ApiError> {
    t::table
        .find(id)
        .select(TransferRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("转接"))
}

pub fn by_instance(conn: &mut DbConnection, instance: i64) -> Result<TransferRow, ApiError> {
    t::table
        .filter(t::instance_id.eq(instance))
        .select(TransferRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("转接"))
}

/// The person's open case, if any (one at a time).
pub fn open_of(conn: &mut DbConnection, person: i64) -> Result<Option<TransferRow>, ApiError> {
    Ok(t::table
        .filter(t::person_id.eq(person).and(t::status.eq_any(["active", "waiting"])))
        .select(TransferRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn set_batch(conn: &mut DbConnection, id: i64, batch: i64) -> Result<(), ApiError> {
    diesel::update(t::table.find(id)).set(t::batch_id.eq(batch)).execute(conn)?;
    Ok(())
}

/// The cases of a batch, first case first.
pub fn batch(conn: &mut DbConnection, batch: i64) -> Result<Vec<TransferRow>, ApiError> {
    Ok(t::table.filter(t::batch_id.eq(batch)).order(t::id).select(TransferRow::as_select()).load(conn)?)
}

/// The row follows its instance after each step.
pub fn sync(
    conn: &mut DbConnection,
    instance: i64,
    awaiting: &str,
    status: &str,
    due_on: Option<NaiveDate>,
    finished_on: Option<NaiveDate>,
) -> Result<(), ApiError> {
    let updated = diesel::update(t::table.filter(t::instance_id.eq(instance)))
        .set((
            t::awaiting.eq(awaiting),
            t::status.eq(status),
            t::due_on.eq(due_on),
            t::finished_on.eq(finished_on),
            t::updated_at.eq(now()),
        ))
        .execute(conn)?;
    expect_one_row(updated)
}

/// A page filter after the caller's reach and queue are applied.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Cases whose sending or receiving org lies in these `orgs.path` bounds.
    pub subtree: Option<(String, String)>,
    pub person: Option<i64>,
    pub kind: Option<String>,
    /// Only cases awaiting one of these, on the given side (`true`: receiving side).
    pub awaiting: Option<(Vec<&'static str>, bool)>,
    pub include_finished: bool,
    pub text: Option<String>,
    pub batch: Option<i64>,
}

fn filtered(f: &Filter) -> t::BoxedQuery<'static, MultiBackend> {
    let mut query = t::table.into_boxed();
    let in_subtree = |lo: &String, hi: &String| {
        orgs::table.filter(orgs::path.ge(lo.clone()).and(orgs::path.lt(hi.clone()))).select(orgs::id.nullable())
    };
    match (&f.subtree, &f.awaiting) {
        (Some((lo, hi)), Some((_, true))) => query = query.filter(t::to_org_id.eq_any(in_subtree(lo, hi))),
        (Some((lo, hi)), Some((_, false))) => query = query.filter(t::from_org_id.eq_any(in_subtree(lo, hi))),
        (Some((lo, hi)), None) => {
            query = query.filter(t::from_org_id.eq_any(in_subtree(lo, hi)).or(t::to_org_id.eq_any(in_subtree(lo, hi))))
        }
        (None, _) => {}
    }
    if let Some((codes, _)) = &f.awaiting {
        query = query.filter(t::awaiting.eq_any(codes.clone()));
    }
    if let Some(person) = f.person {
        query = query.filter(t::person_id.eq(person));
    }
    if let Some(batch) = f.batch {
        query = query.filter(t::batch_id.eq(batch));
    }
    if let Some(kind) = &f.kind {
        query = query.filter(t::kind.eq(kind.clone()));
    }
    if !f.include_finished {
        query = query.filter(t::status.eq_any(["active", "waiting"]));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        query = query.filter(t::person_name.like(format!("%{}%", like_escape(text))).escape('\\'));
    }
    query
}

/// One page, newest first, after `before_id`.
pub fn list(
    conn: &mut DbConnection,
    f: &Filter,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<TransferRow>, ApiError> {
    let mut query = filtered(f).order(t::id.desc()).limit(limit).select(TransferRow::as_select());
    if let Some(before) = before_id {
        query = query.filter(t::id.lt(before));
    }
    Ok(query.load(conn)?)
}

/// Open cases due (letter expiry, 回执, end of 外出) on or before `day`, or started before
/// `started_before`: what the daily reminder looks at.
pub fn due_or_old(
    conn: &mut DbConnection,
    day: NaiveDate,
    started_before: NaiveDate,
) -> Result<Vec<TransferRow>, ApiError> {
    Ok(t::table
        .filter(t::status.eq_any(["active", "waiting"]))
        .filter(t::due_on.le(day).or(t::started_on.lt(started_before)))
        .order(t::id)
        .select(TransferRow::as_select())
        .load(conn)?)
}
