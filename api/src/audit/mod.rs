//! The audit log: every change to party data writes a row here in the same transaction.

mod handlers;
pub mod repo;

pub use repo::record;

feature_routes!(AuditApi {
    handlers::list,
});
