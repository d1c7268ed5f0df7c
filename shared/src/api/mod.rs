//! Request and response bodies of `/api/v1`, one module per feature.

pub mod alerts;
pub mod audit;
pub mod auth;
pub mod development;
pub mod dues;
pub mod dues_cases;
pub mod elections;
pub mod hr;
pub mod meetings;
pub mod members;
pub mod notify;
pub mod notify_settings;
pub mod orgs;
pub mod outbox;
pub mod page;
pub mod request_records;
pub mod requests;
pub mod statistics;
pub mod transfers;
pub mod workflow;

pub use page::{Page, PageQuery};
