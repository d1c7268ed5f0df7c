//! Payments: what was paid, how, for which months, and the receipt number.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{dues_payments as p, orgs, people};
use crate::error::ApiError;

pub struct NewPayment<'a> {
    pub person_id: i64,
    pub org_id: i64,
    pub method: &'a str,
    pub amount_fen: i64,
    pub dues_fen: i64,
    pub voluntary_fen: i64,
    pub unallocated_fen: i64,
    pub remit_central: bool,
    pub first_month: Option<NaiveDate>,
    pub last_month: Option<NaiveDate>,
    pub paid_on: NaiveDate,
    pub note: Option<&'a str>,
    pub order_id: Option<i64>,
    pub recorded_by: Option<i64>,
    pub now: NaiveDateTime,
}

/// Inserts a payment and gives it its receipt number (DF2026-000123); returns the id.
pub fn insert(conn: &mut DbConnection, new: &NewPayment) -> Result<i64, ApiError> {
    let pending = format!("pending-{}-{}", new.person_id, crate::auth::session::new_token());
    let id: i64 = diesel::insert_into(p::table)
        .values((
            p::person_id.eq(new.person_id),
            p::org_id.eq(new.org_id),
            p::method.eq(new.method),
            p::amount_fen.eq(new.amount_fen),
            p::dues_fen.eq(new.dues_fen),
            p::voluntary_fen.eq(new.voluntary_fen),
            p::unallocated_fen.eq(new.unallocated_fen),
            p::remit_central.eq(new.remit_central),
            p::first_month.eq(new.first_month),
            p::last_month.eq(new.last_month),
            p::paid_on.eq(new.paid_on),
            p::receipt_number.eq(&pending),
            p::note.eq(new.note),
            p::order_id.eq(new.order_id),
            p::recorded_by.eq(new.recorded_by),
            p::created_at.eq(new.now),
        ))
        .returning(p::id)
        .get_result(conn)?;
    diesel::update(p::table.find(id))
        .set(p::receipt_number.eq(format!("DF{}-{id:06}", new.paid_on.year())))
        .execute(conn)?;
    Ok(id)
}

/// (id, person, person name, org, org name, method, amount, dues, voluntary, unallocated,
/// remit, first, last, paid on, receipt, note)
pub type PaymentRow = (
    i64,
    i64,
    String,
    i64,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    bool,
    Option<NaiveDate>,
    Option<NaiveDate>,
    NaiveDate,
    String,
    Option<String>,
);

macro_rules! payment_columns {
    () => {
        (
            p::id,
            p::person_id,
            people::name,
            p::org_id,
            orgs::name,
            p::method,
            p::amount_fen,
            p::dues_fen,
            p::voluntary_fen,
            p::unallocated_fen,
            p::remit_central,
            p::first_month,
            p::last_month,
            p::paid_on,
            p::receipt_number,
            p::note,
        )
    };
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<PaymentRow, ApiError> {
    p::table
        .inner_join(people::table)
        .inner_join(orgs::table.on(orgs::id.eq(p::org_id)))
        .filter(p::id.eq(id))
        .select(payment_columns!())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("党费交纳记录"))
}

/// A person's payments, newest first.
pub fn of_person(conn: &mut DbConnection, person: i64, limit: i64) -> Result<Vec<PaymentRow>, ApiError> {
    Ok(p::table
        .inner_join(people::table)
        .inner_join(orgs::table.on(orgs::id.eq(p::org_id)))
        .filter(p::person_id.eq(person))
        .order(p::id.desc())
        .limit(limit)
        .select(payment_columns!())
        .load(conn)?)
}

/// Payments received by the orgs in a subtree in a date range (for the yearly statement).
pub fn in_subtree(
    conn: &mut DbConnection,
    bounds: (&str, &str),
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<PaymentRow>, ApiError> {
    Ok(p::table
        .inner_join(people::table)
        .inner_join(orgs::table.on(orgs::id.eq(p::org_id)))
        .filter(orgs::path.ge(bounds.0).and(orgs::path.lt(bounds.1)))
        .filter(p::paid_on.ge(from).and(p::paid_on.lt(until)))
        .order((p::paid_on, p::id))
        .select(payment_columns!())
        .load(conn)?)
}

/// Part of a payment found nothing left to pay (its months were paid meanwhile).
pub fn set_unallocated(conn: &mut DbConnection, id: i64, dues: i64, unallocated: i64) -> Result<(), ApiError> {
    diesel::update(p::table.find(id)).set((p::dues_fen.eq(dues), p::unallocated_fen.eq(unallocated))).execute(conn)?;
    Ok(())
}
