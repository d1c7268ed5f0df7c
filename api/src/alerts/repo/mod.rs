//! The `alerts` table: one open row per rule and subject; `sync` makes the open rows match a
//! rule's findings (new ones open, present ones are seen again, missing ones resolve).

pub mod findings;

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::alerts::evaluate::Finding;
use crate::db::DbConnection;
use crate::db::schema::alerts;
use crate::error::ApiError;

/// The settings key holding the day of the last evaluation.
pub const EVALUATED_KEY: &str = "alerts_evaluated_on";

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Synced {
    pub opened: usize,
    pub open: usize,
    pub resolved: usize,
}

pub fn sync(conn: &mut DbConnection, rule: &str, findings: Vec<Finding>, today: NaiveDate) -> Result<Synced, ApiError> {
    let open: HashMap<String, (i64, String)> = alerts::table
        .filter(alerts::rule_code.eq(rule).and(alerts::resolved_on.is_null()))
        .select((alerts::subject_key, alerts::id, alerts::detail))
        .load::<(String, i64, String)>(conn)?
        .into_iter()
        .map(|(key, id, detail)| (key, (id, detail)))
        .collect();
    let mut synced = Synced { open: findings.len(), ..Synced::default() };
    let mut seen = Vec::with_capacity(findings.len());
    for finding in findings {
        match open.get(&finding.subject_key) {
            Some((id, detail)) => {
                seen.push(*id);
                if *detail != finding.detail {
                    diesel::update(alerts::table.find(id)).set(alerts::detail.eq(&finding.detail)).execute(conn)?;
                }
            }
            None => {
                diesel::insert_into(alerts::table)
                    .values((
                        alerts::rule_code.eq(rule),
                        alerts::subject_key.eq(&finding.subject_key),
                        alerts::org_id.eq(finding.org_id),
                        alerts::person_id.eq(finding.person_id),
                        alerts::detail.eq(&finding.detail),
                        alerts::first_seen_on.eq(today),
                        alerts::last_seen_on.eq(today),
                    ))
                    .execute(conn)?;
                synced.opened += 1;
            }
        }
    }
    let mut seen_sorted = seen.clone();
    seen_sorted.sort_unstable();
    let cleared: Vec<i64> =
        open.values().map(|(id, _)| *id).filter(|id| seen_sorted.binary_search(id).is_err()).collect();
    for chunk in seen.chunks(500) {
        diesel::update(alerts::table.filter(alerts::id.eq_any(chunk)))
            .set(alerts::last_seen_on.eq(today))
            .execute(conn)?;
    }
    for chunk in cleared.chunks(500) {
        diesel::update(alerts::table.filter(alerts::id.eq_any(chunk)))
            .set(alerts::resolved_on.eq(today))
            .execute(conn)?;
    }
    synced.resolved = cleared.len();
    Ok(synced)
}

pub fn mark_evaluated(conn: &mut DbConnection, today: NaiveDate) -> Result<(), ApiError> {
    crate::db::settings::put(conn, EVALUATED_KEY, &today.to_string())
}

pub fn evaluated_on(conn: &mut DbConnection) -> Result<Option<NaiveDate>, ApiError> {
    Ok(crate::db::settings::get(conn, EVALUATED_KEY)?.and_then(|text| shared::time::parse_date(&text)))
}

/// (id, rule, org, org name, person, person name, detail, first seen, last seen, resolved)
pub type AlertRow =
    (i64, String, i64, String, Option<i64>, Option<String>, String, NaiveDate, NaiveDate, Option<NaiveDate>);

/// A page of alerts in the subtree `(lo, hi)`, newest first.
pub fn list(
    conn: &mut DbConnection,
    (lo, hi): (&str, &str),
    rule: Option<&str>,
    include_resolved: bool,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AlertRow>, ApiError> {
    use crate::db::schema::{orgs, people};
    let mut query = alerts::table
        .inner_join(orgs::table)
        .left_join(people::table.on(people::id.nullable().eq(alerts::person_id)))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .into_boxed();
    if let Some(rule) = rule {
        query = query.filter(alerts::rule_code.eq(rule));
    }
    if !include_resolved {
        query = query.filter(alerts::resolved_on.is_null());
    }
    if let Some(before) = before {
        query = query.filter(alerts::id.lt(before));
    }
    Ok(query
        .order(alerts::id.desc())
        .limit(limit)
        .select((
            alerts::id,
            alerts::rule_code,
            alerts::org_id,
            orgs::name,
            alerts::person_id,
            people::name.nullable(),
            alerts::detail,
            alerts::first_seen_on,
            alerts::last_seen_on,
            alerts::resolved_on,
        ))
        .load(conn)?)
}

/// Open alerts per rule in the subtree, counted in SQL.
pub fn open_counts(conn: &mut DbConnection, (lo, hi): (&str, &str)) -> Result<Vec<(String, i64)>, ApiError> {
    use crate::db::schema::orgs;
    Ok(alerts::table
        .inner_join(orgs::table)
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(alerts::resolved_on.is_null())
        .group_by(alerts::rule_code)
        .select((alerts::rule_code, diesel::dsl::count_star()))
        .load(conn)?)
}

/// Forgets every alert (the benchmark's cold start: its first run opens them all again).
pub fn delete_all(conn: &mut DbConnection) -> Result<usize, ApiError> {
    Ok(diesel::delete(alerts::table).execute(conn)?)
}
