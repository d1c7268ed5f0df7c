//! The monthly ledger: one row per member and month, what is payable to which branch, and
//! what was paid.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::MembershipStatus;

use crate::db::DbConnection;
use crate::db::schema::{dues_months as d, dues_reductions as r, orgs, people};
use crate::error::ApiError;

/// Members who owe dues in `month`: 正式 and 预备党员 whose branch meeting passed them by the
/// month's end and who had not left before it began: (person, org holding the relationship).
pub fn liable(
    conn: &mut DbConnection,
    month: NaiveDate,
    next_month: NaiveDate,
    person: Option<i64>,
) -> Result<Vec<(i64, i64)>, ApiError> {
    let mut query = people::table
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
        .filter(people::join_date.lt(next_month))
        .filter(people::left_on.is_null().or(people::left_on.ge(month)))
        .select((people::id, people::org_id))
        .into_boxed();
    if let Some(person) = person {
        query = query.filter(people::id.eq(person));
    }
    Ok(query.load(conn)?)
}

/// People who already have a row for `month`.
pub fn present(conn: &mut DbConnection, month: NaiveDate, person: Option<i64>) -> Result<HashSet<i64>, ApiError> {
    let mut query = d::table.filter(d::month.eq(month)).select(d::person_id).into_boxed();
    if let Some(person) = person {
        query = query.filter(d::person_id.eq(person));
    }
    Ok(query.load::<i64>(conn)?.into_iter().collect())
}

/// Approved reductions in force in `month`: person → monthly amount.
pub fn reductions(
    conn: &mut DbConnection,
    month: NaiveDate,
    person: Option<i64>,
) -> Result<HashMap<i64, i64>, ApiError> {
    let mut query = r::table
        .filter(r::first_month.le(month))
        .filter(r::last_month.is_null().or(r::last_month.ge(month)))
        .order((r::person_id, r::first_month))
        .select((r::person_id, r::monthly_fen))
        .into_boxed();
    if let Some(person) = person {
        query = query.filter(r::person_id.eq(person));
    }
    Ok(query.load::<(i64, i64)>(conn)?.into_iter().collect())
}

/// (person, org, month, payable, reduced)
pub type NewMonth = (i64, i64, NaiveDate, i64, bool);

pub fn insert(conn: &mut DbConnection, rows: &[NewMonth]) -> Result<usize, ApiError> {
    let mut added = 0;
    // Bounded statements: SQLite allows a limited number of bound values per statement.
    for chunk in rows.chunks(1000) {
        let values = || -> Vec<_> {
            chunk
                .iter()
                .map(|(person, org, month, payable, reduced)| {
                    (
                        d::person_id.eq(*person),
                        d::org_id.eq(*org),
                        d::month.eq(*month),
                        d::payable_fen.eq(*payable),
                        d::reduced.eq(*reduced),
                    )
                })
                .collect()
        };
        // MultiConnection cannot batch-insert: one of the named places that match on the backend.
        added += match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(d::table).values(values()).execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(d::table).values(values()).execute(c)?,
        };
    }
    Ok(added)
}

/// (month, org, org name, payable, paid, reduced, paid on, payment, reason)
pub type MonthRow = (NaiveDate, i64, String, i64, i64, bool, Option<NaiveDate>, Option<i64>, Option<String>);

/// A person's months, newest first.
pub fn of_person(conn: &mut DbConnection, person: i64, limit: i64) -> Result<Vec<MonthRow>, ApiError> {
    Ok(d::table
        .inner_join(orgs::table)
        .filter(d::person_id.eq(person))
        .order(d::month.desc())
        .limit(limit)
        .select((
            d::month,
            d::org_id,
            orgs::name,
            d::payable_fen,
            d::paid_fen,
            d::reduced,
            d::paid_on,
            d::payment_id,
            d::arrears_reason,
        ))
        .load(conn)?)
}

/// A person's open months (unpaid, no recorded reason), oldest first, with what each owes.
pub fn open(conn: &mut DbConnection, person: i64) -> Result<Vec<(NaiveDate, i64)>, ApiError> {
    Ok(d::table
        .filter(d::person_id.eq(person))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .order(d::month)
        .select((d::month, d::payable_fen - d::paid_fen))
        .load(conn)?)
}

/// The last month paid with no open month before it.
pub fn paid_through(conn: &mut DbConnection, person: i64) -> Result<Option<NaiveDate>, ApiError> {
    let first_open: Option<NaiveDate> = d::table
        .filter(d::person_id.eq(person))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .select(diesel::dsl::min(d::month))
        .first(conn)?;
    let mut query = d::table
        .filter(d::person_id.eq(person))
        .filter(d::paid_fen.ge(d::payable_fen).or(d::arrears_reason.is_not_null()))
        .select(diesel::dsl::max(d::month))
        .into_boxed();
    if let Some(first_open) = first_open {
        query = query.filter(d::month.lt(first_open));
    }
    Ok(query.first(conn)?)
}

/// Marks the still-unpaid of `months` paid by a payment; returns what they owed together.
pub fn settle(
    conn: &mut DbConnection,
    person: i64,
    months: &[NaiveDate],
    payment: i64,
    paid_on: NaiveDate,
) -> Result<i64, ApiError> {
    let due: Vec<(i64, i64)> = d::table
        .filter(d::person_id.eq(person))
        .filter(d::month.eq_any(months.to_vec()))
        .filter(d::paid_fen.lt(d::payable_fen))
        .select((d::id, d::payable_fen - d::paid_fen))
        .load(conn)?;
    let ids: Vec<i64> = due.iter().map(|(id, _)| *id).collect();
    diesel::update(d::table.filter(d::id.eq_any(ids)))
        .set((d::paid_fen.eq(d::payable_fen), d::paid_on.eq(paid_on), d::payment_id.eq(payment)))
        .execute(conn)?;
    Ok(due.iter().map(|(_, owed)| owed).sum())
}

/// What the open months `months` owe together.
pub fn owed(conn: &mut DbConnection, person: i64, months: &[NaiveDate]) -> Result<i64, ApiError> {
    let owed: Option<i64> = d::table
        .filter(d::person_id.eq(person))
        .filter(d::month.eq_any(months.to_vec()))
        .filter(d::paid_fen.lt(d::payable_fen))
        .select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "CAST(COALESCE(SUM(payable_fen - paid_fen), 0) AS BIGINT)",
        ))
        .first::<i64>(conn)
        .optional()?;
    Ok(owed.unwrap_or(0))
}

/// Sets (or clears) why a month is unpaid; 0 rows when there is no such unpaid month.
pub fn set_reason(
    conn: &mut DbConnection,
    person: i64,
    month: NaiveDate,
    reason: Option<&str>,
) -> Result<usize, ApiError> {
    Ok(diesel::update(
        d::table.filter(d::person_id.eq(person)).filter(d::month.eq(month)).filter(d::paid_fen.lt(d::payable_fen)),
    )
    .set(d::arrears_reason.eq(reason))
    .execute(conn)?)
}

/// New payable amounts for a person's unpaid months from `from` (before `until`, when given),
/// after a base changed.
pub fn reprice(
    conn: &mut DbConnection,
    person: i64,
    from: NaiveDate,
    until: Option<NaiveDate>,
    monthly: i64,
) -> Result<usize, ApiError> {
    let mut target = d::table
        .filter(d::person_id.eq(person))
        .filter(d::month.ge(from))
        .filter(d::paid_fen.eq(0))
        .filter(d::reduced.eq(false))
        .select(d::id)
        .into_boxed();
    if let Some(until) = until {
        target = target.filter(d::month.lt(until));
    }
    let ids: Vec<i64> = target.load(conn)?;
    Ok(diesel::update(d::table.filter(d::id.eq_any(ids))).set(d::payable_fen.eq(monthly)).execute(conn)?)
}

/// Open months before `current` per person, for the given people: person → count.
pub fn arrears_counts(
    conn: &mut DbConnection,
    people: &[i64],
    current: NaiveDate,
) -> Result<HashMap<i64, i64>, ApiError> {
    let rows: Vec<(i64, i64)> = d::table
        .filter(d::person_id.eq_any(people.to_vec()))
        .filter(d::month.lt(current))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .group_by(d::person_id)
        .select((d::person_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Every open month before `current` within `since..current`: (person, org, month), for the
/// arrears rules.
pub fn open_before(
    conn: &mut DbConnection,
    since: NaiveDate,
    current: NaiveDate,
) -> Result<Vec<(i64, i64, NaiveDate)>, ApiError> {
    Ok(d::table
        .filter(d::month.ge(since))
        .filter(d::month.lt(current))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .order((d::person_id, d::month))
        .select((d::person_id, d::org_id, d::month))
        .load(conn)?)
}

/// Removes a month's rows (the benchmark's clean-up).
pub fn delete_month(conn: &mut DbConnection, month: NaiveDate) -> Result<usize, ApiError> {
    Ok(diesel::delete(d::table.filter(d::month.eq(month))).execute(conn)?)
}
