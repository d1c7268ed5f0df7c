//! Types and pure rules used by both the server (`api`) and the SPA (`web-ui`).
//! No I/O, no database, no async runtime: this crate must build for wasm32.

pub mod api;
pub mod codes;
pub mod error;
pub mod ids;
pub mod limits;
pub mod member_input;
pub mod permissions;
pub mod rules;
pub mod time;
pub mod validate;

pub use codes::*;
pub use ids::*;
