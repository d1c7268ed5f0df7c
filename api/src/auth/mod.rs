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

feature_routes!(AuthApi {
    handlers::login,
    handlers::form_login,
    handlers::logout,
    handlers::who_am_i,
    handlers::switch_role,
    handlers::unlock,
});
