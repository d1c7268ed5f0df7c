//! Elections (domain.md §4): founding a branch (成立), re-election (换届) and by-election (增补)
//! on the workflow engine, with the 请示/批复 of the requests feature, the count of each round,
//! the first meeting's posts and the upper org's approval, which puts the committee and its
//! term in place (`committees`).

mod documents;
mod effects;
mod handlers;
pub mod models;
mod notices;
pub mod process;
pub mod record;
pub mod repo;
pub mod service;
mod views;
pub mod voting;

feature_routes!(ElectionsApi {
    handlers::list,
    handlers::terms,
    handlers::start,
    handlers::detail,
    handlers::candidates,
    handlers::ballots,
    handlers::posts,
    handlers::act,
    documents::document,
});
