//! Master-data sync with the HR system: pull over HTTP or import XLSX/CSV, dry run with a
//! preview, apply in transactional batches, history, nightly schedule.

pub mod allow_list;
pub mod bench;
pub mod connector;
pub mod connectors;
pub mod diff;
mod export;
pub mod file_import;
pub mod handlers;
pub mod job_kinds;
pub mod jobs;
pub mod models;
pub mod record;
pub mod repo;
pub mod scheduler;

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(handlers::template)
        .service(handlers::import)
        .service(handlers::list_jobs)
        .service(handlers::job_detail)
        .service(handlers::job_rows)
        .service(handlers::apply)
        .service(handlers::discard)
        .service(handlers::changes_xlsx)
        .service(connectors::list_connectors)
        .service(connectors::create_connector)
        .service(connectors::update_connector)
        .service(connectors::pull);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    handlers::template,
    handlers::import,
    handlers::list_jobs,
    handlers::job_detail,
    handlers::job_rows,
    handlers::apply,
    handlers::discard,
    handlers::changes_xlsx,
    connectors::list_connectors,
    connectors::create_connector,
    connectors::update_connector,
    connectors::pull
))]
pub struct HrApi;
