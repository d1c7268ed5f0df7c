//! Scheduled reminders (the `reminders` schedule, daily at `run_hour`): meetings the day
//! before, committee terms 6/3/1 months ahead and monthly when overdue, development deadlines;
//! `dues::remind_unpaid` for the dues feature's monthly run.
//! Each notice carries a de-duplication key naming its subject and occasion, so a second run
//! on the same day (on any instance) queues nothing.

mod development;
pub mod dues;
mod meetings;
pub mod repo;
mod terms;

use chrono::NaiveDate;
use shared::rules::reminders::ReminderRules;

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::jobs::Env;
use crate::notify::send;

/// Notices queued by one run, per kind of reminder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Queued {
    pub meetings: usize,
    pub terms: usize,
    pub development: usize,
}

/// The schedule's entry point: today's reminders by the business clock.
pub fn run(env: &Env) -> Result<(), String> {
    let today = env.clock.today();
    let rules = env.config.reminder_rules.clone();
    let queued = env.db.write_blocking(|conn| run_on(conn, &rules, today)).map_err(|e| e.message)?;
    tracing::info!(?queued, %today, "reminders queued");
    env.wake_outbox();
    Ok(())
}

pub fn run_on(conn: &mut DbConnection, rules: &ReminderRules, today: NaiveDate) -> Result<Queued, ApiError> {
    let policy = send::Policy::load(conn)?;
    Ok(Queued {
        meetings: meetings::remind(conn, &policy, rules, today)?,
        terms: terms::remind(conn, &policy, rules, today)?,
        development: development::remind(conn, &policy, rules, today)?,
    })
}
