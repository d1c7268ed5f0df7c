//! The compliance report: per branch of a subtree, which required meetings were held in a period
//! and which are missing, with the attendance rate. The database groups the meetings by branch,
//! kind and month and the attendances by branch; Rust only matches months to the rule's buckets.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use shared::OrgId;
use shared::api::meetings::{ComplianceReport, ComplianceRow, MissingMeeting};
use shared::rules::meetings::{MeetingKind, MeetingRules, Period, missing_buckets};

use super::manages;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::meetings::repo::compliance as repo;

pub fn compliance(
    conn: &mut DbConnection,
    actor: &Actor,
    org_id: i64,
    period: Period,
    rules: &MeetingRules,
    today: NaiveDate,
) -> Result<ComplianceReport, ApiError> {
    let top = crate::orgs::repo::get(conn, org_id)?;
    if !manages(actor, &top) {
        return Err(actor.denial());
    }
    // From the start of the year: a yearly requirement is met by a meeting in any quarter.
    let year_start = period.start.with_ordinal(1).ok_or_else(|| ApiError::bad_request("period", "统计期间无效"))?;
    let until = period.end.min(today);
    let mut held: HashMap<(i64, MeetingKind), Vec<NaiveDate>> = HashMap::new();
    let mut attendance: HashMap<i64, (i64, i64)> = HashMap::new();
    if until >= year_start {
        for (org, kind, month) in repo::held_months(conn, &top.path, year_start, until)? {
            let (Some(kind), Some(first_day)) = (MeetingKind::from_code(&kind), first_day_of(&month)) else {
                continue;
            };
            held.entry((org, kind)).or_default().push(first_day);
        }
    }
    if until >= period.start {
        for (org, expected, present) in repo::attendance(conn, &top.path, period.start, until)? {
            attendance.insert(org, (expected, present));
        }
    }
    let mut rows: Vec<ComplianceRow> = repo::branches(conn, &top.path)?
        .into_iter()
        .map(|(id, name)| {
            let mut missing = Vec::new();
            let mut required = 0;
            for (kind, frequency) in &rules.frequencies {
                let months = held.get(&(id, *kind)).map(Vec::as_slice).unwrap_or_default();
                required += period.buckets(*frequency, today).len() as i64;
                missing.extend(
                    missing_buckets(&period, *frequency, months, today).into_iter().map(|p| MissingMeeting {
                        kind: *kind,
                        from: p.start,
                        to: p.end,
                    }),
                );
            }
            let (expected, present) = attendance.get(&id).copied().unwrap_or((0, 0));
            ComplianceRow {
                org_id: OrgId(id),
                org_name: name,
                required,
                held: required - missing.len() as i64,
                missing,
                attendance_rate: (expected > 0).then(|| present as f64 / expected as f64),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.missing.len().cmp(&a.missing.len()).then(a.org_name.cmp(&b.org_name)));
    Ok(ComplianceReport { period_start: period.start, period_end: period.end, rows })
}

/// `2026-03` → 2026-03-01. Buckets are whole months, so the first day stands for the month.
fn first_day_of(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}
