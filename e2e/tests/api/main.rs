//! Black-box API tests. Each test starts its own server on port 0 with a fresh database.
//! Run against PostgreSQL with `DANGJIAN_TEST_DATABASE=postgres`.

mod aggregates;
mod alerts;
mod auth;
mod contract;
mod demo;
mod development;
mod development_access;
mod development_cases;
mod dues;
mod dues_imports;
mod dues_ledger;
mod dues_online;
mod dues_reductions;
mod files;
mod headers;
mod hr_connectors;
mod hr_sync;
mod jobs;
mod login_limits;
mod meetings;
mod members;
mod notices;
mod notifications;
mod openapi;
mod orgs;
mod outbox;
mod pagination;
mod permissions;
mod pressure;
mod scope_leaks;
mod shape;
mod transfers;
mod transfers_letters;
mod visibility;
mod workflow_engine;
