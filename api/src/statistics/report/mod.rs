//! The statistics set (党内统计报表) for an org's subtree as of a date: ten tables laid out like
//! the official ones, built from grouped counts of the history, and written as XLSX or PDF.

mod flows;
pub mod layout;
mod members;
pub mod pdf;
pub mod xlsx;

pub use flows::{CANCELLED, EXTENDED, FULL_AFTER_EXTENSION, FULL_ON_TIME};

use chrono::{Datelike, NaiveDate};
use shared::api::statistics::{ReportTable, StatisticsReport};
use shared::rules::statistics::StatisticsRules;

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;
use crate::statistics::repo::as_of;

/// Steps of a set, for progress.
pub const STEPS: i64 = 8;

/// Builds the set; `progress(done)` is called after each step (a job records it).
pub fn build(
    conn: &mut DbConnection,
    rules: &StatisticsRules,
    org: &OrgRow,
    on: NaiveDate,
    progress: &mut dyn FnMut(i64) -> Result<(), ApiError>,
) -> Result<StatisticsReport, ApiError> {
    let from = NaiveDate::from_ymd_opt(on.year(), 1, 1).expect("valid date");
    let period = (from, on);
    // Where the org stood in the tree on the date (it may have moved since).
    let path = as_of::path_on(conn, org.id, on)?.unwrap_or_else(|| format!("{}missing/", org.path));
    let cube = members::members_cube(conn, rules, &path, on)?;
    let mut tables: Vec<ReportTable> =
        vec![members::basic(&cube, rules), members::join_time(&cube, rules), members::education(&cube, rules)];
    progress(1)?;
    tables.push(members::development(conn, rules, &path, period)?);
    progress(2)?;
    tables.push(flows::probation(conn, rules, &path, period)?);
    tables.push(flows::exits(conn, rules, &path, period)?);
    progress(3)?;
    tables.push(flows::reviews(conn, &path, period)?);
    progress(4)?;
    tables.push(flows::organisations(conn, &path, period)?);
    progress(5)?;
    tables.push(flows::dues(conn, org, period)?);
    progress(6)?;
    tables.push(flows::transfers(conn, &path, period)?);
    progress(7)?;
    Ok(StatisticsReport {
        org_id: shared::OrgId(org.id),
        org_name: org.name.clone(),
        as_of: on,
        period_from: from,
        tables,
    })
}

/// A cell as the forms print it (amounts with their decimals).
pub fn cell_text(table: &ReportTable, column: usize, value: i64) -> String {
    match table.decimals.get(column).copied().unwrap_or(0) {
        0 => value.to_string(),
        d => {
            let scale = 10i64.pow(d as u32);
            let sign = if value < 0 { "-" } else { "" };
            format!("{sign}{}.{:0width$}", value.abs() / scale, value.abs() % scale, width = d as usize)
        }
    }
}
