//! Authentication (argon2id passwords, revocable expiring sessions, rate-limited login) and
//! the `Actor` extractor with the org-scope checks every other feature uses.

pub mod actor;
mod handlers;
pub mod limiter;
pub mod models;
pub mod password;
pub mod purge;
pub mod repo;
pub mod service;
pub mod session;

pub use actor::{Actor, Reach};

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(handlers::login)
        .service(handlers::logout)
        .service(handlers::who_am_i)
        .service(handlers::switch_role)
        .service(handlers::unlock);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(handlers::login, handlers::logout, handlers::who_am_i, handlers::switch_role, handlers::unlock))]
pub struct AuthApi;
