//! Rows as the API shows them, and a member's whole dues picture.

use chrono::NaiveDate;
use shared::api::dues::{BaseView, MemberDues, MonthView, PayOption, PaymentView, Totals};
use shared::rules::dues::{DuesCategory, DuesRules, Fen};
use shared::rules::dues_payment::{add_months, arrears, fmt_month, month_label, month_of, plan, quarter_end};
use shared::{OrgId, PersonId};

use super::paying::quarterly;
use super::repo::{bases, months, payments};
use crate::db::DbConnection;
use crate::error::ApiError;

/// The person dues are about: (name, org, org name, org path).
pub fn subject(conn: &mut DbConnection, person: i64) -> Result<(String, i64, String, String), ApiError> {
    super::repo::members::subject(conn, person)
}

pub fn category_label(code: &str) -> String {
    DuesCategory::parse(code).map_or_else(|| code.to_string(), |c| c.label().to_string())
}

pub fn base(row: bases::BaseRow) -> BaseView {
    let (id, person, category, base_fen, monthly, month, source, note, confirmed_at, created_at, version) = row;
    BaseView {
        id,
        person_id: PersonId(person),
        category_label: category_label(&category),
        category,
        base: Fen(base_fen).yuan(),
        monthly: Fen(monthly).yuan(),
        effective_month: fmt_month(month),
        source,
        note,
        confirmed_at: confirmed_at.map(|t| t.and_utc()),
        recorded_at: created_at.and_utc(),
        version,
    }
}

pub fn month(row: months::MonthRow) -> MonthView {
    let (month, org_id, org_name, payable, paid, reduced, paid_on, payment_id, reason) = row;
    let status = if paid >= payable {
        "paid"
    } else if reason.is_some() {
        "excused"
    } else {
        "unpaid"
    };
    MonthView {
        month: fmt_month(month),
        org_id: OrgId(org_id),
        org_name,
        payable: Fen(payable).yuan(),
        paid: Fen(paid).yuan(),
        status: status.into(),
        reduced,
        paid_on,
        payment_id,
        arrears_reason: reason,
    }
}

pub fn method_label(method: &str) -> &'static str {
    match method {
        "cash" => "现金",
        "transfer" => "银行转账",
        "online" => "在线支付",
        _ => "其他",
    }
}

pub fn payment(row: payments::PaymentRow) -> PaymentView {
    let (
        id,
        person,
        name,
        org,
        org_name,
        method,
        amount,
        dues,
        voluntary,
        unallocated,
        remit,
        first,
        last,
        paid_on,
        receipt,
        note,
    ) = row;
    PaymentView {
        id,
        person_id: PersonId(person),
        person_name: name,
        org_id: OrgId(org),
        org_name,
        method_label: method_label(&method).into(),
        method,
        amount: Fen(amount).yuan(),
        dues: Fen(dues).yuan(),
        voluntary: Fen(voluntary).yuan(),
        unallocated: Fen(unallocated).yuan(),
        remit_central: remit,
        first_month: first.map(fmt_month),
        last_month: last.map(fmt_month),
        paid_on,
        receipt_number: receipt,
        note,
    }
}

/// `paid / payable` as a percentage with one decimal.
pub fn rate(paid: i64, payable: i64) -> String {
    if payable == 0 {
        return "—".into();
    }
    let permille = (paid * 1000 + payable / 2) / payable;
    format!("{}.{}%", permille / 10, permille % 10)
}

pub fn totals(entries: i64, payable: i64, paid: i64, unpaid_entries: i64, unpaid: i64) -> Totals {
    Totals {
        entries,
        payable: Fen(payable).yuan(),
        paid: Fen(paid).yuan(),
        rate: rate(paid, payable),
        unpaid_entries,
        unpaid: Fen(unpaid).yuan(),
    }
}

/// A member's dues today: bases, the last 24 months, payments, arrears and what they may pay.
pub fn member_dues(
    conn: &mut DbConnection,
    rules: &DuesRules,
    today: NaiveDate,
    person: i64,
    online_payment: bool,
) -> Result<MemberDues, ApiError> {
    let (name, org_id, org_name, _) = subject(conn, person)?;
    let current = month_of(today);
    let all_bases = bases::of_person(conn, person)?;
    let in_force = all_bases.iter().find(|b| b.5 <= current).cloned();
    let monthly = in_force.as_ref().map_or(0, |b| b.4);
    let open = months::open(conn, person)?;
    let open_months: Vec<NaiveDate> = open.iter().map(|(m, _)| *m).collect();
    let behind = arrears(&open_months, current);
    let owed: i64 = open.iter().filter(|(m, _)| *m <= current).map(|(_, o)| o).sum();
    let quarterly = quarterly(conn, person)?;
    let last = if quarterly { quarter_end(current) } else { current };
    let mut options = Vec::new();
    let mut through = current;
    while through <= last {
        if let Ok(covered) = plan(rules, current, &open_months, through, quarterly) {
            let amount: i64 =
                covered.iter().map(|m| open.iter().find(|(o, _)| o == m).map_or(monthly, |(_, owed)| *owed)).sum();
            if amount > 0 {
                options.push(PayOption {
                    through_month: fmt_month(through),
                    months: covered.len() as u32,
                    amount: Fen(amount).yuan(),
                });
            }
        }
        through = add_months(through, 1);
    }
    let paid_through = months::paid_through(conn, person)?;
    Ok(MemberDues {
        person_id: PersonId(person),
        name,
        org_id: OrgId(org_id),
        org_name,
        current: in_force.map(base),
        bases: all_bases.into_iter().map(base).collect(),
        paid_through: paid_through.map(fmt_month),
        paid_through_label: paid_through
            .map_or_else(|| "尚无交纳记录".into(), |m| format!("党费交至 {}", month_label(m))),
        arrears_months: behind.months,
        arrears_consecutive: behind.consecutive,
        owed: Fen(owed).yuan(),
        quarterly,
        pay_through_options: options,
        months: months::of_person(conn, person, 24)?.into_iter().map(month).collect(),
        payments: payments::of_person(conn, person, 50)?.into_iter().map(payment).collect(),
        online_payment,
    })
}
