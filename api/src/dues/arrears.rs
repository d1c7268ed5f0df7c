//! Arrears (欠交): months unpaid without a recorded reason. `arrears_warn_months` or more →
//! the member is reminded and the branch is told to 批评教育; `arrears_lapse_months`
//! consecutive months up to last month → the 党章 §9 自行脱党 procedure is suggested to the
//! branch (an alert; nothing is done to the member automatically).

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use shared::rules::dues::DuesRules;
use shared::rules::dues_payment::{add_months, month_label, month_of};

use crate::db::DbConnection;
use crate::db::schema::{dues_months as d, people};
use crate::error::ApiError;

/// A member behind on dues: (person, current org, open months, the oldest of them).
pub type Behind = (i64, i64, i64, NaiveDate);

/// Members with at least `min` open months in `since..current`, counted in the database.
fn behind(conn: &mut DbConnection, since: NaiveDate, current: NaiveDate, min: i64) -> Result<Vec<Behind>, ApiError> {
    let rows: Vec<(i64, i64, Option<NaiveDate>)> = d::table
        .filter(d::month.ge(since).and(d::month.lt(current)))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .group_by(d::person_id)
        .having(diesel::dsl::count_star().ge(min))
        .select((d::person_id, diesel::dsl::sql::<BigInt>("CAST(COUNT(*) AS BIGINT)"), diesel::dsl::min(d::month)))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let orgs: std::collections::HashMap<i64, i64> = people::table
        .filter(people::id.eq_any(ids))
        .filter(people::left_on.is_null())
        .select((people::id, people::org_id))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(person, count, oldest)| Some((person, *orgs.get(&person)?, count, oldest?)))
        .collect())
}

/// `arrears_warn_months` or more open months (any time before this month).
pub fn warned(conn: &mut DbConnection, rules: &DuesRules, today: NaiveDate) -> Result<Vec<Behind>, ApiError> {
    let current = month_of(today);
    behind(conn, add_months(current, -120), current, rules.arrears_warn_months as i64)
}

/// Every one of the last `arrears_lapse_months` months open (consecutive up to last month).
pub fn lapsed(conn: &mut DbConnection, rules: &DuesRules, today: NaiveDate) -> Result<Vec<Behind>, ApiError> {
    let current = month_of(today);
    let window = rules.arrears_lapse_months as i32;
    behind(conn, add_months(current, -window), current, window as i64)
}

/// Which of `people` checked in at a meeting on or after `since`.
pub fn attended_since(
    conn: &mut DbConnection,
    people: &[i64],
    since: NaiveDate,
) -> Result<std::collections::HashSet<i64>, ApiError> {
    use crate::db::schema::{meeting_attendees as a, meetings as m};
    let mut found = std::collections::HashSet::new();
    for chunk in people.chunks(500) {
        let rows: Vec<i64> = a::table
            .inner_join(m::table)
            .filter(a::person_id.eq_any(chunk.to_vec()))
            .filter(a::checked_in_at.is_not_null())
            .filter(m::held_on.ge(since))
            .select(a::person_id)
            .distinct()
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
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
    let mut unpaid: Vec<i64> = d::table
        .filter(d::month.eq(current))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .select(d::person_id)
        .load(conn)?;
    unpaid.extend(warned(conn, rules, today)?.into_iter().map(|b| b.0));
    unpaid.sort_unstable();
    unpaid.dedup();
    crate::notify::reminders::dues::remind_unpaid(conn, current, &unpaid)
}
