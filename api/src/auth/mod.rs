//! Authentication (argon2id passwords, revocable expiring sessions, rate-limited login) and
//! the `Actor` extractor with the org-scope checks every other feature uses.

pub mod actor;
mod handlers;
pub mod models;
pub mod password;
pub mod repo;
pub mod session;

pub use actor::{Actor, Reach};

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(handlers::login).service(handlers::logout).service(handlers::who_am_i).service(handlers::switch_role);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(handlers::login, handlers::logout, handlers::who_am_i, handlers::switch_role))]
pub struct AuthApi;
