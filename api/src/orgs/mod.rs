//! The organisation tree: 党委, 党总支, 党支部, 党小组 with materialised paths.

pub mod handlers;
pub mod models;
pub mod repo;
pub mod service;

feature_routes!(OrgsApi {
    // Fixed paths before `/orgs/{id}`.
    handlers::tree,
    handlers::search,
    handlers::detail,
    handlers::create,
    handlers::update,
    handlers::dissolve,
    handlers::move_org,
});
