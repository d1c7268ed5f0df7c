//! The organisation tree: 党委, 党总支, 党支部, 党小组 with materialised paths.

mod handlers;
pub mod models;
pub mod repo;
pub mod service;

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    // Fixed paths before `/orgs/{id}`.
    cfg.service(handlers::tree)
        .service(handlers::search)
        .service(handlers::detail)
        .service(handlers::create)
        .service(handlers::update)
        .service(handlers::dissolve)
        .service(handlers::move_org);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    handlers::tree,
    handlers::search,
    handlers::detail,
    handlers::create,
    handlers::update,
    handlers::dissolve,
    handlers::move_org
))]
pub struct OrgsApi;
