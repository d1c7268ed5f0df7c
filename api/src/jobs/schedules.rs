//! Named schedules. Each has a row in `schedules` with its next due time; the instance whose
//! guarded update takes the lease runs the slot, then moves `next_due_at` on. An instance that
//! dies mid-run leaves the slot due, and another instance runs it when the lease expires.

use std::time::Duration;

use chrono::{NaiveDateTime, Timelike};

use super::{Env, repo};
use crate::clock::wall_now as now;

/// How long a run may take before another instance may start the same slot.
const LEASE_MINUTES: i64 = 10;

pub enum When {
    /// Every so many seconds (the first run right away).
    Every(i64),
    /// Once a day at this hour, China time.
    DailyAt(u32),
}

pub struct Schedule {
    pub name: &'static str,
    pub when: When,
    pub run: fn(&Env) -> Result<(), String>,
}

impl When {
    /// The slot after a run that started at `at` (UTC).
    pub fn next_after(&self, at: NaiveDateTime) -> NaiveDateTime {
        match self {
            When::Every(seconds) => at + chrono::Duration::seconds((*seconds).max(1)),
            When::DailyAt(hour) => {
                let china = at + chrono::Duration::hours(8);
                let today = china.date().and_hms_opt(*hour % 24, 0, 0).expect("valid hour");
                let slot = if today > china { today } else { today + chrono::Duration::days(1) };
                slot - chrono::Duration::hours(8)
            }
        }
    }

    fn first(&self, at: NaiveDateTime) -> NaiveDateTime {
        match self {
            When::Every(_) => at,
            When::DailyAt(hour) if (at + chrono::Duration::hours(8)).hour() == *hour => at,
            When::DailyAt(_) => self.next_after(at),
        }
    }
}

/// One pass over the schedules at `at`; returns the names this instance ran.
pub fn tick(env: &Env, schedules: &[Schedule], at: NaiveDateTime) -> Vec<&'static str> {
    let mut ran = Vec::new();
    for schedule in schedules {
        // Two instances may both try to create the row; the loser's insert fails harmlessly.
        let _ = env.db.write_blocking(|conn| repo::ensure_schedule(conn, schedule.name, schedule.when.first(at)));
        let lease_until = at + chrono::Duration::minutes(LEASE_MINUTES);
        let claimed =
            env.db.write_blocking(|conn| repo::claim_schedule(conn, schedule.name, &env.instance, at, lease_until));
        match claimed {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                tracing::warn!(schedule = schedule.name, error = %e.message, "could not claim schedule");
                continue;
            }
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (schedule.run)(env)))
            .unwrap_or_else(|_| Err("内部错误，本次运行中止".into()));
        if let Err(message) = &outcome {
            tracing::warn!(schedule = schedule.name, error = %message, "scheduled run failed");
        }
        let next = schedule.when.next_after(at);
        let error = outcome.err();
        if let Err(e) = env
            .db
            .write_blocking(|conn| repo::finish_schedule(conn, schedule.name, &env.instance, next, error.as_deref()))
        {
            tracing::warn!(schedule = schedule.name, error = %e.message, "could not record scheduled run");
        }
        ran.push(schedule.name);
    }
    ran
}

/// Runs `tick` every `schedule_tick_seconds` until the instance stops.
pub fn start(env: &Env, schedules: Vec<Schedule>) {
    let env = env.clone();
    std::thread::Builder::new()
        .name("schedules".into())
        .spawn(move || {
            let every = Duration::from_secs(env.config.workers.schedule_tick_seconds.max(1));
            loop {
                tick(&env, &schedules, now());
                if !sleep(&env, every) {
                    return;
                }
            }
        })
        .expect("the schedule thread starts");
}

fn sleep(env: &Env, total: Duration) -> bool {
    let step = Duration::from_millis(200);
    let mut slept = Duration::ZERO;
    while slept < total {
        if env.jobs_signal().stopped() {
            return false;
        }
        std::thread::sleep(step.min(total - slept));
        slept += step;
    }
    !env.jobs_signal().stopped()
}
