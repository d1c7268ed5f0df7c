//! People's records: 党员 and 群众 in the pipeline, with validation, scope and audit.

mod handlers;
pub mod models;
pub mod repo;
pub mod service;

feature_routes!(MembersApi {
    handlers::list,
    handlers::detail,
    handlers::create,
    handlers::update,
    handlers::leave,
    handlers::move_member,
});
