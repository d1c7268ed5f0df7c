//! Organisation-relationship transfers (组织关系转接, domain.md §5) on the workflow engine:
//! within the institution, out of it with the 介绍信 and its 回执, into it from a registered
//! letter, and 流动党员 with a 证明信 or 活动证. Each case has a row (`transfers`) that mirrors
//! its instance for the lists and queues, filtered in SQL by either side's org.

pub mod batch;
pub mod bench;
mod effects;
pub mod handlers;
pub mod incoming;
mod letter_pdf;
pub mod letters;
pub mod models;
mod notices;
pub mod process;
pub mod reminders;
pub mod repo;
pub mod service;
pub mod views;

feature_routes!(TransfersApi {
    handlers::list,
    handlers::branches,
    handlers::start,
    handlers::register_incoming,
    handlers::detail,
    handlers::act,
    handlers::letter_pdf,
    handlers::check,
    handlers::start_batch,
    handlers::act_batch,
});
