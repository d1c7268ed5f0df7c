//! Analysis alerts (分析提醒): rules as data in `shared::rules::alerts`, evaluated daily by the
//! `alerts` schedule into the `alerts` table, listed for 党委 and 政工部门 within their scope.

pub mod bench;
pub mod evaluate;
mod handlers;
pub mod repo;

use crate::jobs::Env;

/// The schedule's entry point.
pub fn run(env: &Env) -> Result<(), String> {
    let today = env.clock.today();
    let config = &env.config;
    let rules = evaluate::Rules {
        thresholds: &config.alert_rules,
        meetings: &config.meeting_rules,
        development: &config.development_rules,
        dues: &config.dues_rules,
        elections: &config.election_rules,
    };
    let started = std::time::Instant::now();
    let outcome = env.db.write_blocking(|conn| evaluate::evaluate(conn, &rules, today)).map_err(|e| e.message)?;
    let open: usize = outcome.iter().map(|(_, s)| s.open).sum();
    tracing::info!(open, millis = started.elapsed().as_millis() as u64, "alert rules evaluated");
    Ok(())
}

feature_routes!(AlertsApi { handlers::list });
