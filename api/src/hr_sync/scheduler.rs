//! The nightly HR pull: every minute, the instance holding the lease starts a preview for each
//! connector whose hour has come and that has not run today. Failures notify the 政工部门.

use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::api::hr::JobStatus;

use super::models::NewJob;
use super::{connectors, jobs, repo};
use crate::clock::wall_now as now;
use crate::config::Config;
use crate::db::schema::{hr_connectors, job_leases};
use crate::db::{Db, DbConnection};
use crate::error::ApiError;
use crate::state::AppState;

const LEASE: &str = "hr_nightly_pull";

/// Takes or renews the named lease for `holder`; false when another holder has it.
pub fn acquire_lease(
    conn: &mut DbConnection,
    name: &str,
    holder: &str,
    until: NaiveDateTime,
) -> Result<bool, ApiError> {
    let current: Option<(String, NaiveDateTime)> =
        job_leases::table.find(name).select((job_leases::holder, job_leases::expires_at)).first(conn).optional()?;
    match current {
        None => {
            diesel::insert_into(job_leases::table)
                .values((job_leases::name.eq(name), job_leases::holder.eq(holder), job_leases::expires_at.eq(until)))
                .execute(conn)?;
            Ok(true)
        }
        Some((h, expires)) if h == holder || expires < now() => {
            let updated = diesel::update(job_leases::table.filter(
                job_leases::name.eq(name).and(job_leases::holder.eq(&h)).and(job_leases::expires_at.eq(expires)),
            ))
            .set((job_leases::holder.eq(holder), job_leases::expires_at.eq(until)))
            .execute(conn)?;
            Ok(updated == 1)
        }
        Some(_) => Ok(false),
    }
}

/// One scheduler pass at Beijing `hour`; returns the ids of the jobs it started and finished.
pub fn tick(db: &Db, config: &Config, holder: &str, hour: u32, today: NaiveDate) -> Result<Vec<i64>, ApiError> {
    let due: Vec<i64> = db.write_blocking(|conn| {
        if !acquire_lease(conn, LEASE, holder, now() + chrono::Duration::minutes(5))? {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = hr_connectors::table
            .filter(hr_connectors::schedule_hour.eq(hour as i32))
            .filter(hr_connectors::last_scheduled_on.is_null().or(hr_connectors::last_scheduled_on.lt(today)))
            .select(hr_connectors::id)
            .load(conn)?;
        for id in &ids {
            diesel::update(hr_connectors::table.find(id))
                .set(hr_connectors::last_scheduled_on.eq(Some(today)))
                .execute(conn)?;
        }
        Ok(ids)
    })?;
    let mut started = Vec::new();
    for connector_id in due {
        let (job_id, settings, scope_path, name) = db.write_blocking(|conn| {
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
            Ok((job_id, connectors::settings_of(&connector, config)?, scope.path, connector.name))
        })?;
        if let Err(message) = jobs::run_preview(db, job_id, jobs::Source::Connector(settings), &scope_path, true, today)
        {
            let body = format!("人事系统“{name}”定时同步失败：{message}");
            db.write_blocking(|conn| {
                crate::notify::notify_department(conn, "人事数据同步失败", &body, Some(&format!("/hr/jobs/{job_id}")))
            })?;
        }
        started.push(job_id);
    }
    Ok(started)
}

/// Runs `tick` every minute on its own thread for the life of the process.
pub fn spawn(state: AppState) {
    let holder = format!("{}-{}", std::process::id(), crate::auth::session::new_token());
    std::thread::Builder::new()
        .name("hr-scheduler".into())
        .spawn(move || {
            loop {
                let (hour, today) = (state.clock.china_hour(), state.clock.today());
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    tick(&state.db, &state.config, &holder, hour, today)
                })) {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e.message, "HR scheduler pass failed"),
                    Err(_) => tracing::error!("HR scheduler pass panicked; continuing"),
                }
                std::thread::sleep(Duration::from_secs(60));
            }
        })
        .expect("the scheduler thread starts");
}
