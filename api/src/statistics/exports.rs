//! Generated sets, kept and listed: a request queues a job (any instance runs it) that checks
//! the data, builds the tables with progress, and stores the XLSX and PDF in the file store.

use chrono::NaiveDate;
use shared::OrgId;
use shared::api::statistics::{CreateStatisticsExport, StatisticsExport};
use shared::permissions::Action;

use super::repo::exports::{self as repo, ExportRow, NewExport};
use crate::auth::{Actor, Reach};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::files::{FileStore, Kind};
use crate::jobs::{JobContext, JobKind, NewJob};

pub const JOB: JobKind = JobKind { name: "statistics_export", run, failed };

pub fn view(row: ExportRow) -> StatisticsExport {
    StatisticsExport {
        id: row.id,
        org_id: OrgId(row.org_id),
        org_name: row.org_name,
        as_of: row.as_of,
        status: row.status,
        phase: row.phase,
        done: row.done,
        total: row.total,
        problems: row.problems as i64,
        created_by: row.created_by,
        created_at: row.created_at.and_utc(),
        finished_at: row.finished_at.map(|t| t.and_utc()),
        error: row.error,
    }
}

/// A date the set may be made for: not after today, not before the party's founding.
pub fn check_date(on: NaiveDate, today: NaiveDate) -> Result<(), ApiError> {
    let founding = NaiveDate::from_ymd_opt(1921, 7, 1).expect("valid date");
    if on < founding {
        return Err(ApiError::field("as_of", "too_early", format!("截止日期不能早于 {founding}")));
    }
    if on > today {
        return Err(ApiError::field("as_of", "in_future", format!("截止日期不能晚于今天（{today}）")));
    }
    Ok(())
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    capacity: i64,
    today: NaiveDate,
    req: &CreateStatisticsExport,
) -> Result<i64, ApiError> {
    check_date(req.as_of, today)?;
    let org = crate::orgs::repo::get(conn, req.org_id.0)?;
    actor.require(Action::ViewStatistics, &org.path)?;
    // The job finds its set by its own id.
    let job_id = crate::jobs::submit(
        conn,
        capacity,
        &NewJob { kind: JOB.name, payload: serde_json::json!({}), input: None, created_by: Some(actor.user_id.0) },
    )?;
    let now = crate::clock::wall_now();
    let id = repo::insert(
        conn,
        &NewExport { org_id: org.id, as_of: req.as_of, job_id, created_by: actor.user_id.0, created_at: now },
    )?;
    crate::audit::record(conn, Some(actor), "create", "statistics_export", id, None::<&()>, Some(&req))?;
    Ok(id)
}

/// One set, if its org is within the actor's reach.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<ExportRow, ApiError> {
    let row = repo::get(conn, id)?;
    actor.require(Action::ViewStatistics, &row.org_path)?;
    Ok(row)
}

pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<ExportRow>, ApiError> {
    actor.require_action(Action::ViewStatistics)?;
    let bounds = match actor.reach() {
        Reach::Everything => None,
        Reach::Subtree(lo, hi) => Some((lo, hi)),
        Reach::OwnRecord(_) => return Err(actor.denial()),
    };
    repo::list(conn, bounds, before, limit)
}

fn run(ctx: &JobContext) -> Result<(), String> {
    let env = &ctx.env;
    let rules = env.config.statistics_rules.clone();
    let total = super::report::STEPS + 3;
    ctx.progress("数据检查", 0, total);
    let (export, as_of, created_by, org) = env
        .db
        .read_blocking(|conn| {
            let row = repo::by_job(conn, ctx.id)?;
            Ok((row.id, row.as_of, row.created_by_id, crate::orgs::repo::get(conn, row.org_id)?))
        })
        .map_err(|e| e.message)?;
    let problems =
        env.db.read_blocking(|conn| super::check::check(conn, &org, as_of)).map_err(|e| e.message)?.problems.len();
    ctx.progress("统计", 1, total);
    let report = env
        .db
        .read_blocking(|conn| {
            super::report::build(conn, &rules, &org, as_of, &mut |done| {
                ctx.progress("统计", 1 + done, total);
                Ok(())
            })
        })
        .map_err(|e| e.message)?;
    ctx.check_cancel()?;
    ctx.progress("生成 Excel", super::report::STEPS + 1, total);
    let xlsx = super::report::xlsx::workbook(&report).map_err(|e| e.message)?;
    ctx.progress("生成 PDF", super::report::STEPS + 2, total);
    let pdf = super::report::pdf::document(&report).map_err(|e| e.message)?;
    let store = FileStore::new(&env.config, env.db.clone());
    let temps = [store.temp_from_bytes(&xlsx, Kind::Xlsx), store.temp_from_bytes(&pdf, Kind::Pdf)];
    let [xlsx, pdf] = temps.map(|t| t.map_err(|e| e.message));
    let (xlsx, pdf) = (xlsx?, pdf?);
    env.db
        .write_blocking(|conn| {
            let x = crate::files::save_for(conn, &store, &xlsx, org.id, created_by)?;
            let f = crate::files::save_for(conn, &store, &pdf, org.id, created_by)?;
            repo::finish(conn, export, problems as i32, (x.id, f.id))?;
            ctx.record_progress(conn, "完成", total, total)?;
            Ok(())
        })
        .map_err(|e| e.message)?;
    store.promote(xlsx).map_err(|e| e.message)?;
    store.promote(pdf).map_err(|e| e.message)?;
    Ok(())
}

fn failed(ctx: &JobContext, message: &str) {
    tracing::warn!(job_id = ctx.id, error = %message, "statistics export failed");
}
