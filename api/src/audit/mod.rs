//! The audit log: every change to party data writes a row here in the same transaction.

mod handlers;
pub mod repo;

pub use repo::record;

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(handlers::list);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(handlers::list))]
pub struct AuditApi;
