//! Master-data sync with the HR system: pull over HTTP or import XLSX/CSV, dry run with a
//! preview, apply in transactional batches, history, nightly schedule.

pub mod allow_list;
pub mod bench;
pub mod diff;
mod export;
pub mod file_import;
pub mod handlers;
pub mod job_kinds;
pub mod jobs;
pub mod models;
pub mod record;
pub mod repo;
pub mod rest_pull;
pub mod scheduler;
pub mod service;

feature_routes!(HrApi {
    handlers::template,
    handlers::import,
    handlers::list_jobs,
    handlers::job_detail,
    handlers::job_rows,
    handlers::apply,
    handlers::discard,
    handlers::changes_xlsx,
    handlers::connectors::list_connectors,
    handlers::connectors::create_connector,
    handlers::connectors::update_connector,
    handlers::connectors::pull,
});
