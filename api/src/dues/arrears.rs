//! Arrears (欠交): months unpaid without a recorded reason. `arrears_warn_months` or more →
//! the member is reminded and the branch is told to 批评教育; `arrears_lapse_months`
//! consecutive months up to last month → the 党章 §9 自行脱党 procedure is suggested to the
//! branch (an alert; nothing is done to the member automatically).

use chrono::{Datelike, NaiveDate};
use shared::rules::dues::DuesRules;
use shared::rules::dues_payment::{add_months, month_label, month_of};

use super::repo::arrears as repo;
pub use super::repo::arrears::{Behind, attended_since};
use crate::db::DbConnection;
use crate::error::ApiError;

/// `arrears_warn_months` or more open months (any time before this month).
pub fn warned(conn: &mut DbConnection, rules: &DuesRules, today: NaiveDate) -> Result<Vec<Behind>, ApiError> {
    let current = month_of(today);
    repo::behind(conn, add_months(current, -120), current, rules.arrears_warn_months as i64)
}

/// Every one of the last `arrears_lapse_months` months open (consecutive up to last month).
pub fn lapsed(conn: &mut DbConnection, rules: &DuesRules, today: NaiveDate) -> Result<Vec<Behind>, ApiError> {
    let current = month_of(today);
    let window = rules.arrears_lapse_months as i32;
    repo::behind(conn, add_months(current, -window), current, window as i64)
}

pub fn lost_detail(count: i64, oldest: NaiveDate) -> String {
    format!("自 {} 起连续 {count} 个月未交纳党费，期间也未参加组织生活；请核实是否失去联系", month_label(oldest))
}

pub fn warn_detail(count: i64, oldest: NaiveDate) -> String {
    format!("欠交党费 {count} 个月（最早 {}），应批评教育并限期补交", month_label(oldest))
}

pub fn lapse_detail(count: i64, oldest: NaiveDate) -> String {
    format!(
        "自 {} 起连续 {count} 个月未交纳党费且无正当理由记录；请支部核实，按党章第九条研究处理（不自动处理）",
        month_label(oldest)
    )
}

/// On the reminder day (`remind_day` of the month): members who have not paid this month, or
/// are `arrears_warn_months` behind, get the dues reminder (once per member and month).
pub fn remind(conn: &mut DbConnection, rules: &DuesRules, today: NaiveDate) -> Result<usize, ApiError> {
    if today.day() < rules.remind_day {
        return Ok(0);
    }
    let current = month_of(today);
    let mut unpaid = repo::unpaid_in(conn, current)?;
    unpaid.extend(warned(conn, rules, today)?.into_iter().map(|b| b.0));
    unpaid.sort_unstable();
    unpaid.dedup();
    crate::notify::reminders::dues::remind_unpaid(conn, current, &unpaid)
}
