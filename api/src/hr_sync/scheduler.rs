//! The nightly HR pull, a named schedule that runs every minute on one instance: it queues a
//! pull (a background job) for each connector whose hour has come and that has not run today.
//! "Has come" is `schedule_hour <= hour`, so a connector is not skipped when a pass is late
//! (an instance was down, or busy, through its hour); it runs at the next pass that day.

use chrono::NaiveDate;
use shared::api::hr::JobStatus;

use super::job_kinds::{self, PreviewSource};
use super::models::NewJob;
use super::repo;
use crate::clock::wall_now as now;
use crate::db::Db;
use crate::error::ApiError;
use crate::jobs::Env;

/// The schedule's entry point.
pub fn run(env: &Env) -> Result<(), String> {
    let capacity = env.config.workers.job_queue_capacity;
    let queued = tick(&env.db, capacity, env.clock.china_hour(), env.clock.today()).map_err(|e| e.message)?;
    if !queued.is_empty() {
        env.wake_jobs();
    }
    Ok(())
}

/// Queues the due pulls at Beijing `hour`; returns the sync jobs created. Each connector is
/// marked and queued in one transaction, so a full queue leaves it due for the next pass.
pub fn tick(db: &Db, capacity: i64, hour: u32, today: NaiveDate) -> Result<Vec<i64>, ApiError> {
    let due: Vec<i64> = db.read_blocking(|conn| repo::connectors_due(conn, hour, today))?;
    let mut started = Vec::new();
    for connector_id in due {
        let queued = db.write_blocking(|conn| {
            // Another instance may have queued it since the read above.
            if !repo::mark_scheduled(conn, connector_id, today)? {
                return Ok(None);
            }
            let connector = repo::connector(conn, connector_id)?;
            let scope = crate::orgs::repo::get(conn, connector.scope_org_id)?;
            let job_id = repo::create_job(
                conn,
                &NewJob {
                    source_kind: "hr_pull",
                    source_name: &format!("{}（定时）", connector.name),
                    connector_id: Some(connector.id),
                    scope_org_id: connector.scope_org_id,
                    full_roster: true,
                    status: JobStatus::Running.code(),
                    phase: "排队",
                    rows_total: 0,
                    rows_done: 0,
                    counts_json: "{}",
                    created_by: None,
                    created_at: now(),
                },
            )?;
            let source = PreviewSource::Connector { id: connector.id, name: connector.name.clone() };
            job_kinds::submit_preview(conn, capacity, job_id, &scope.path, true, source, true, None)?;
            Ok(Some(job_id))
        });
        match queued {
            Ok(Some(job_id)) => started.push(job_id),
            Ok(None) => {}
            Err(e) => tracing::warn!(connector_id, error = %e.message, "could not queue the scheduled HR pull"),
        }
    }
    Ok(started)
}
