//! Demo party dues: a base for every member (在职 by salary, 离退休 by pension, 学生 fixed)
//! from twelve months back, the twelve months' ledger, and payments: most members pay each
//! quarter at their branch, a few are 3–5 months behind, a handful 6 months or more, and part
//! of this month is still open. Written in bulk (the demo loads in seconds).

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use shared::MembershipStatus;
use shared::rules::dues::{DuesCategory, DuesRules, Fen, standard};
use shared::rules::dues_payment::{add_months, month_of};

use crate::db::DbConnection;
use crate::db::schema::{dues_bases as b, dues_months as d, dues_payments as p, people};
use crate::dues::ledger;
use crate::error::ApiError;

/// How far behind a demo member is (months before this one left unpaid), by id.
fn behind(person: i64) -> i32 {
    match person % 97 {
        0 => 7,
        1 | 2 => 4,
        3..=5 => 3,
        6..=9 => 1,
        _ => 0,
    }
}

pub fn insert(conn: &mut DbConnection, today: NaiveDate) -> Result<usize, ApiError> {
    let current = month_of(today);
    let first = add_months(current, -11);
    let rules = DuesRules::default();
    let members: Vec<(i64, NaiveDate, Option<String>)> = people::table
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
        .select((people::id, people::birth_date, people::occupation))
        .load(conn)?;
    let now = crate::clock::wall_now();
    let bases: Vec<_> = members
        .iter()
        .map(|(id, birth, occupation)| {
            let age = chrono::Datelike::year(&today) - chrono::Datelike::year(birth);
            let spread = (id * 7919) % 1000;
            let (category, base) = match occupation.as_deref() {
                Some("student") => (DuesCategory::Student, 0),
                Some("retired") => (DuesCategory::Retired, 380_000 + spread * 520),
                _ if age >= 62 => (DuesCategory::Retired, 380_000 + spread * 520),
                Some("farmer") => (DuesCategory::Farmer, 0),
                _ => (DuesCategory::Employed, 260_000 + spread * 1_150 + (id % 3) * 50),
            };
            let monthly = standard(&rules, category, Fen(base)).amount_fen;
            (*id, category.code(), base, monthly)
        })
        .collect();
    for chunk in bases.chunks(500) {
        let values = || -> Vec<_> {
            chunk
                .iter()
                .map(|(id, category, base, monthly)| {
                    (
                        b::person_id.eq(*id),
                        b::category.eq(*category),
                        b::base_fen.eq(*base),
                        b::monthly_fen.eq(*monthly),
                        b::rules_version.eq(&rules.version),
                        b::effective_month.eq(first),
                        b::source.eq("demo"),
                        b::confirmed_at.eq((id % 4 != 0).then_some(now)),
                        b::created_at.eq(now),
                    )
                })
                .collect()
        };
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(b::table).values(values()).execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(b::table).values(values()).execute(c)?,
        };
    }
    let mut month = first;
    let mut rows = 0;
    while month <= current {
        rows += ledger::generate(conn, month, None)?;
        month = add_months(month, 1);
    }
    pay(conn, first, today, now)?;
    Ok(rows)
}

/// One payment per member and quarter (cash or transfer at the branch, on the 10th of the
/// quarter's last month or of this month), covering what the member had paid.
fn pay(
    conn: &mut DbConnection,
    first: NaiveDate,
    today: NaiveDate,
    now: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    let current = month_of(today);
    let owed: Vec<(i64, i64, NaiveDate, i64)> = d::table
        .filter(d::month.ge(first))
        .order((d::person_id, d::month))
        .select((d::person_id, d::org_id, d::month, d::payable_fen))
        .load(conn)?;
    // (person, org, first, last, amount)
    let mut payments: Vec<(i64, i64, NaiveDate, NaiveDate, i64)> = Vec::new();
    for (person, org, month, payable) in owed {
        let open_from = add_months(current, -behind(person));
        let paid_now = person % 5 < 3;
        let unpaid = if behind(person) > 0 { month >= open_from } else { month == current && !paid_now };
        if unpaid || payable == 0 {
            continue;
        }
        let quarter = (chrono::Datelike::month(&month) - 1) / 3;
        match payments.last_mut() {
            Some(last)
                if last.0 == person
                    && (chrono::Datelike::month(&last.2) - 1) / 3 == quarter
                    && add_months(last.3, 1) == month =>
            {
                last.3 = month;
                last.4 += payable;
            }
            _ => payments.push((person, org, month, month, payable)),
        }
    }
    for chunk in payments.chunks(400) {
        let values = || -> Vec<_> {
            chunk
                .iter()
                .map(|(person, org, from, to, amount)| {
                    let paid_on = to.with_day(10).unwrap_or(*to).min(today);
                    (
                        p::person_id.eq(*person),
                        p::org_id.eq(*org),
                        p::method.eq(if person % 3 == 0 { "transfer" } else { "cash" }),
                        p::amount_fen.eq(*amount),
                        p::dues_fen.eq(*amount),
                        p::voluntary_fen.eq(0),
                        p::first_month.eq(*from),
                        p::last_month.eq(*to),
                        p::paid_on.eq(paid_on),
                        p::receipt_number.eq(format!(
                            "DF{}-D{person}-{}",
                            chrono::Datelike::year(from),
                            from.format("%m")
                        )),
                        p::created_at.eq(now),
                    )
                })
                .collect()
        };
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(p::table).values(values()).execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(p::table).values(values()).execute(c)?,
        };
    }
    // Voluntary payments (自愿多交): a few hundred 元 now and then, and a handful of 1000 元 or
    // more, which go to the Central Committee.
    let voluntary: Vec<(i64, i64, i64)> = payments
        .iter()
        .filter(|(person, _, from, _, _)| person % 151 == 7 && *from == first)
        .map(|(person, org, _, _, _)| {
            (*person, *org, if person % 5 == 0 { 100_000 } else { 20_000 + (person % 7) * 5_000 })
        })
        .collect();
    for (person, org, amount) in voluntary {
        diesel::insert_into(p::table)
            .values((
                p::person_id.eq(person),
                p::org_id.eq(org),
                p::method.eq("transfer"),
                p::amount_fen.eq(amount),
                p::dues_fen.eq(0),
                p::voluntary_fen.eq(amount),
                p::remit_central.eq(amount >= 100_000),
                p::paid_on.eq(add_months(current, -1).with_day(18).unwrap_or(today)),
                p::receipt_number.eq(format!("DF{}-V{person}", current.year())),
                p::note.eq("七一自愿多交党费"),
                p::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    // The months each payment covers, settled in one statement.
    diesel::sql_query(
        "UPDATE dues_months SET paid_fen = payable_fen, \
         paid_on = (SELECT p.paid_on FROM dues_payments p WHERE p.person_id = dues_months.person_id \
                    AND dues_months.month BETWEEN p.first_month AND p.last_month), \
         payment_id = (SELECT p.id FROM dues_payments p WHERE p.person_id = dues_months.person_id \
                    AND dues_months.month BETWEEN p.first_month AND p.last_month) \
         WHERE EXISTS (SELECT 1 FROM dues_payments p WHERE p.person_id = dues_months.person_id \
                    AND dues_months.month BETWEEN p.first_month AND p.last_month)",
    )
    .execute(conn)?;
    Ok(())
}
