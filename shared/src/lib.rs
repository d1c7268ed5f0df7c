//! Types and pure rules used by both the server (`api`) and the SPA (`web-ui`).
//! No I/O, no database, no async runtime: this crate must build for wasm32.
//!
//! `unwrap` is denied: request data gets a typed error, and an `expect` states an invariant that
//! no input can break (its message says which).
#![deny(clippy::unwrap_used)]

pub mod api;
pub mod codes;
pub mod error;
pub mod ids;
pub mod limits;
pub mod member_input;
pub mod permissions;
pub mod rules;
pub mod sms;
pub mod time;
pub mod validate;

pub use codes::*;
pub use ids::*;
