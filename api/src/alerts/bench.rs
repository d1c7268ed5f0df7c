//! `dangjian bench-alerts`: evaluates every alert rule on the demo institution (loaded first if
//! the database is empty) three times from no stored alerts — the first run opens them all, the
//! next ones refresh them — and prints each run's time and the open alerts per rule.

use std::time::Instant;

use crate::config::Config;
use crate::db::Db;

pub fn run(db: &Db, config: &Config) -> Result<(), String> {
    let today = crate::clock::Clock::system().today();
    if crate::demo::database_is_empty(db).map_err(|e| e.message)? {
        crate::demo::load(db, crate::demo::DEMO_SEED, today)?;
    }
    let rules = super::evaluate::Rules {
        thresholds: &config.alert_rules,
        meetings: &config.meeting_rules,
        development: &config.development_rules,
        dues: &config.dues_rules,
        elections: &config.election_rules,
    };
    // Cold: the demo load evaluated once; start from no alerts so the first run opens them all.
    db.write_blocking(super::repo::delete_all).map_err(|e| e.message)?;
    for run in 1..=3 {
        let started = Instant::now();
        let outcome =
            db.write_blocking(|conn| super::evaluate::evaluate(conn, &rules, today)).map_err(|e| e.message)?;
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        println!("run {run}: every alert rule evaluated in {millis:.0} ms");
        if run == 3 {
            for (rule, synced) in outcome {
                println!(
                    "  {rule:<24} open {:>5}  (opened {}, resolved {})",
                    synced.open, synced.opened, synced.resolved
                );
            }
        }
    }
    Ok(())
}
