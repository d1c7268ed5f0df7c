//! Committees as data (domain.md §4.2): who holds which post of an org's committee since when
//! and how, the term of office, composition checks, the upper org's appointments, and the
//! 党支部/党委 role that comes and goes with a seat.

mod handlers;
pub mod models;
pub mod repo;
pub mod service;

feature_routes!(CommitteesApi { handlers::committee, handlers::appoint, handlers::leave });
