//! 智慧党建平台 server library: the `dangjian` binary and the e2e tests both use it.
//!
//! `unwrap` is denied: request data gets a typed error, and an `expect` states an invariant that
//! no input can break (its message says which).
#![deny(clippy::unwrap_used)]

/// A feature's one list of handlers: `routes` registers them with actix (in this order, so
/// fixed paths go before `{id}` paths) and `$api` lists the same handlers in the OpenAPI
/// document, so a route cannot be served without being documented or documented without being
/// served.
macro_rules! feature_routes {
    ($api:ident { $($($handler:ident)::+),* $(,)? }) => {
        pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
            $( cfg.service($($handler)::+); )*
        }

        #[derive(utoipa::OpenApi)]
        #[openapi(paths($($($handler)::+),*))]
        pub struct $api;
    };
}

pub mod alerts;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod committees;
pub mod config;
pub mod db;
pub mod demo;
pub mod development;
pub mod documents;
pub mod dues;
pub mod elections;
pub mod error;
pub mod files;
pub mod health;
pub mod hr_sync;
pub mod jobs;
pub mod meetings;
pub mod members;
pub mod notify;
pub mod openapi;
pub mod orgs;
pub mod outbox;
pub mod requests;
pub mod seals;
pub mod secrets;
pub mod security_headers;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod statistics;
pub mod transfers;
pub mod workflow;

/// Installs the ring crypto provider for outgoing TLS (HR system, SMS gateways) once.
pub fn install_tls_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
