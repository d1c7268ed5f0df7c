//! The dashboard (数据看板) and the intra-party statistics (党内统计报表一键生成, domain.md §6):
//! aggregates in SQL over the current records and over the history as of a date, the ten
//! tables of the set as JSON, XLSX and PDF, the consistency check, and kept sets made by jobs.

pub mod bench;
pub mod buckets;
pub mod business;
pub mod check;
pub mod dashboard;
pub mod exports;
mod handlers;
pub mod repo;
pub mod report;

feature_routes!(StatisticsApi {
    handlers::dashboard,
    handlers::statistics,
    handlers::consistency,
    handlers::create_export,
    handlers::list_exports,
    handlers::export,
    handlers::export_file,
});
