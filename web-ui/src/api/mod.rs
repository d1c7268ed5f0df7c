//! The API client, one file per feature, each calling the typed requests and queries of
//! `shared` through `client::send`.

mod auth;
mod client;
pub mod committees;
pub mod development;
pub mod dues;
pub mod elections;
pub mod hr;
pub mod meetings;
mod members;
pub mod notify;
mod orgs;
pub mod requests;
pub mod seals;
pub mod statistics;
pub mod transfers;

pub use auth::*;
pub use client::ApiError;
pub use development::calendar;
pub use meetings::extras as meeting_extras;
pub use meetings::member_attendance;
pub use members::*;
pub use orgs::*;
