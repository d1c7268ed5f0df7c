//! People's records: 党员 and 群众 in the pipeline, with validation, scope and audit.

mod handlers;
pub mod models;
pub mod repo;
pub mod service;

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(handlers::list)
        .service(handlers::detail)
        .service(handlers::create)
        .service(handlers::update)
        .service(handlers::leave)
        .service(handlers::move_member);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    handlers::list,
    handlers::detail,
    handlers::create,
    handlers::update,
    handlers::leave,
    handlers::move_member
))]
pub struct MembersApi;
