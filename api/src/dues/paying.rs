//! Paying dues: which months a payment covers (the rules in `shared::rules::dues_payment`),
//! and recording it against the ledger. The branch's cash and transfer entries and the online
//! provider's confirmed payments both end here.

use chrono::{NaiveDate, NaiveDateTime};
use shared::rules::dues::{DuesRules, Fen};
use shared::rules::dues_payment::{month_of, parse_month, plan};

use super::ledger;
use super::repo::{months, payments};
use crate::db::DbConnection;
use crate::error::ApiError;

/// The months a payment covers and what they owe together.
#[derive(Debug, Clone)]
pub struct Plan {
    pub months: Vec<NaiveDate>,
    pub dues_fen: i64,
}

pub fn quarterly(conn: &mut DbConnection, person: i64) -> Result<bool, ApiError> {
    super::repo::members::quarterly(conn, person)
}

/// `through_month` as sent: none, or a month (`2026-11`); 400 names the field.
pub fn through_of(text: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => parse_month(t)
            .map(Some)
            .ok_or_else(|| ApiError::field("through_month", "invalid", "交至月份格式应为 2026-11")),
    }
}

/// A voluntary amount as sent (元); none or zero is none.
pub fn voluntary_of(text: Option<&str>) -> Result<i64, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(0),
        Some(t) => Fen::parse(t).map(|f| f.0).ok_or_else(|| {
            ApiError::field("voluntary", "invalid", "自愿多交金额须为不小于 0 的金额（元），最多两位小数")
        }),
    }
}

/// Checks what paying through `through` means for `person` today, generating the ledger rows
/// of the months ahead that it covers (with the branch's consent to pay by the quarter).
pub fn prepare(
    conn: &mut DbConnection,
    rules: &DuesRules,
    today: NaiveDate,
    person: i64,
    through: Option<NaiveDate>,
) -> Result<Plan, ApiError> {
    let current = month_of(today);
    ledger::generate(conn, current, Some(person))?;
    let Some(through) = through else { return Ok(Plan { months: Vec::new(), dues_fen: 0 }) };
    let open: Vec<NaiveDate> = months::open(conn, person)?.into_iter().map(|(m, _)| m).collect();
    let covered = plan(rules, current, &open, through, quarterly(conn, person)?).map_err(ApiError::rule)?;
    for month in covered.iter().filter(|m| **m > current) {
        ledger::generate(conn, *month, Some(person))?;
    }
    let dues_fen = months::owed(conn, person, &covered)?;
    if dues_fen == 0 {
        return Err(ApiError::field("through_month", "nothing_due", "所选月份没有需要交纳的党费"));
    }
    Ok(Plan { months: covered, dues_fen })
}

/// A payment to record.
pub struct Paid<'a> {
    pub person_id: i64,
    pub org_id: i64,
    pub method: &'a str,
    pub plan: Plan,
    pub voluntary_fen: i64,
    pub paid_on: NaiveDate,
    pub note: Option<&'a str>,
    pub order_id: Option<i64>,
    pub recorded_by: Option<i64>,
    pub now: NaiveDateTime,
}

/// Records the payment and settles its months. Months paid meanwhile by another payment are
/// not paid twice: what they would have taken stays on the payment as `unallocated` (to refund).
pub fn record(conn: &mut DbConnection, rules: &DuesRules, paid: Paid) -> Result<i64, ApiError> {
    if paid.plan.dues_fen == 0 && paid.voluntary_fen == 0 {
        return Err(ApiError::field("through_month", "required", "请选择交至月份或填写自愿多交金额"));
    }
    let id = payments::insert(
        conn,
        &payments::NewPayment {
            person_id: paid.person_id,
            org_id: paid.org_id,
            method: paid.method,
            amount_fen: paid.plan.dues_fen + paid.voluntary_fen,
            dues_fen: paid.plan.dues_fen,
            voluntary_fen: paid.voluntary_fen,
            unallocated_fen: 0,
            remit_central: paid.voluntary_fen >= rules.remit_threshold.0,
            first_month: paid.plan.months.first().copied(),
            last_month: paid.plan.months.last().copied(),
            paid_on: paid.paid_on,
            note: paid.note,
            order_id: paid.order_id,
            recorded_by: paid.recorded_by,
            now: paid.now,
        },
    )?;
    let settled = months::settle(conn, paid.person_id, &paid.plan.months, id, paid.paid_on)?;
    if settled != paid.plan.dues_fen {
        payments::set_unallocated(conn, id, settled, paid.plan.dues_fen - settled)?;
    }
    Ok(id)
}
