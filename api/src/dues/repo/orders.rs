//! Online payment orders and the log of the provider's notifications.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{dues_notifications as n, dues_orders as o};
use crate::error::ApiError;

/// (id, out_trade_no, person, org, first, last, dues, voluntary, amount, status, pay url, payment)
pub type OrderRow =
    (i64, String, i64, i64, Option<NaiveDate>, Option<NaiveDate>, i64, i64, i64, String, Option<String>, Option<i64>);

macro_rules! order_columns {
    () => {
        (
            o::id,
            o::out_trade_no,
            o::person_id,
            o::org_id,
            o::first_month,
            o::last_month,
            o::dues_fen,
            o::voluntary_fen,
            o::amount_fen,
            o::status,
            o::pay_url,
            o::payment_id,
        )
    };
}

pub struct NewOrder<'a> {
    pub out_trade_no: &'a str,
    pub person_id: i64,
    pub org_id: i64,
    pub provider: &'a str,
    pub first_month: Option<NaiveDate>,
    pub last_month: Option<NaiveDate>,
    pub dues_fen: i64,
    pub voluntary_fen: i64,
    pub now: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewOrder) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(o::table)
        .values((
            o::out_trade_no.eq(new.out_trade_no),
            o::person_id.eq(new.person_id),
            o::org_id.eq(new.org_id),
            o::provider.eq(new.provider),
            o::first_month.eq(new.first_month),
            o::last_month.eq(new.last_month),
            o::dues_fen.eq(new.dues_fen),
            o::voluntary_fen.eq(new.voluntary_fen),
            o::amount_fen.eq(new.dues_fen + new.voluntary_fen),
            o::status.eq("pending"),
            o::created_at.eq(new.now),
            o::updated_at.eq(new.now),
        ))
        .returning(o::id)
        .get_result(conn)?)
}

pub fn set_pay_url(conn: &mut DbConnection, id: i64, url: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(o::table.find(id)).set((o::pay_url.eq(url), o::updated_at.eq(now))).execute(conn)?;
    Ok(())
}

pub fn close(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(o::table.find(id).filter(o::status.eq("pending")))
        .set((o::status.eq("closed"), o::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<OrderRow, ApiError> {
    o::table.find(id).select(order_columns!()).first(conn).optional()?.ok_or_else(|| ApiError::not_found("支付订单"))
}

pub fn by_trade_no(conn: &mut DbConnection, out_trade_no: &str) -> Result<Option<OrderRow>, ApiError> {
    Ok(o::table.filter(o::out_trade_no.eq(out_trade_no)).select(order_columns!()).first(conn).optional()?)
}

/// Claims a not-yet-paid order as paid: true for the one call that does it (a repeated
/// notification, or one racing a query, finds it paid and changes nothing).
pub fn claim_paid(
    conn: &mut DbConnection,
    id: i64,
    transaction_id: &str,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    let changed = diesel::update(o::table.find(id).filter(o::status.ne("paid")))
        .set((o::status.eq("paid"), o::transaction_id.eq(transaction_id), o::updated_at.eq(now)))
        .execute(conn)?;
    Ok(changed == 1)
}

pub fn link_payment(conn: &mut DbConnection, id: i64, payment: i64) -> Result<(), ApiError> {
    diesel::update(o::table.find(id)).set(o::payment_id.eq(payment)).execute(conn)?;
    Ok(())
}

pub fn log_notification(
    conn: &mut DbConnection,
    provider: &str,
    out_trade_no: Option<&str>,
    verified: bool,
    outcome: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::insert_into(n::table)
        .values((
            n::provider.eq(provider),
            n::out_trade_no.eq(out_trade_no),
            n::verified.eq(verified),
            n::outcome.eq(outcome),
            n::received_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
