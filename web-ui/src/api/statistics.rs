//! 数据看板 and 党内统计报表: the dashboard of an org, the report set as of a date (preview, its
//! consistency check, the files), and the kept exports made in the background.

use chrono::NaiveDate;
use gloo_net::http::Request;
use shared::OrgId;
use shared::api::statistics::{
    ConsistencyReport, CreateStatisticsExport, Dashboard, DashboardQuery, StatisticsExport, StatisticsQuery,
    StatisticsReport,
};
use shared::api::{Page, PageQuery};

use super::client::{ApiError, send, url, url_with, with_json};

pub async fn dashboard(org: Option<i64>) -> Result<Dashboard, ApiError> {
    send(Request::get(&url_with("/dashboard", &DashboardQuery { org_id: org.map(OrgId) })).build()).await
}

fn statistics_query(org: Option<i64>, as_of: NaiveDate) -> StatisticsQuery {
    StatisticsQuery { org_id: org.map(OrgId), as_of: Some(as_of), format: None }
}

/// The report set as JSON (the preview).
pub async fn report(org: Option<i64>, as_of: NaiveDate) -> Result<StatisticsReport, ApiError> {
    send(Request::get(&url_with("/reports/statistics", &statistics_query(org, as_of))).build()).await
}

/// The report set as a file (`xlsx` or `pdf`), a plain link.
pub fn report_href(org: i64, as_of: NaiveDate, format: &str) -> String {
    url(&format!("/reports/statistics?org_id={org}&as_of={as_of}&format={format}"))
}

/// 数据检查: what would make the set wrong.
pub async fn check(org: Option<i64>, as_of: NaiveDate) -> Result<ConsistencyReport, ApiError> {
    send(Request::get(&url_with("/reports/statistics/check", &statistics_query(org, as_of))).build()).await
}

/// 生成报表: a background job that makes and keeps the XLSX and the PDF.
pub async fn create_export(org: i64, as_of: NaiveDate) -> Result<StatisticsExport, ApiError> {
    let body = CreateStatisticsExport { org_id: OrgId(org), as_of };
    send(with_json(Request::post(&url("/reports/statistics/exports")), &body)).await
}

/// The kept exports, newest first.
pub async fn exports(cursor: Option<String>) -> Result<Page<StatisticsExport>, ApiError> {
    send(Request::get(&url_with("/reports/statistics/exports", &PageQuery::after(10, cursor))).build()).await
}

pub async fn export(id: i64) -> Result<StatisticsExport, ApiError> {
    send(Request::get(&url(&format!("/reports/statistics/exports/{id}"))).build()).await
}

/// A finished export's file (`xlsx` or `pdf`), a plain link.
pub fn export_href(id: i64, format: &str) -> String {
    url(&format!("/reports/statistics/exports/{id}/file?format={format}"))
}
