//! 智慧党建平台 server library: the `dangjian` binary and the e2e tests both use it.

pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod health;
pub mod members;
pub mod openapi;
pub mod orgs;
pub mod startup;
pub mod static_files;
