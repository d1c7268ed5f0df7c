//! Sync jobs run in the background: read → compare → save the preview; later, apply in
//! batches of one transaction each. Progress is written to the job row, so any page (or a
//! reload) can follow it.

use chrono::NaiveDate;
use shared::api::hr::{ChangeKind, JobStatus};
use shared::validate::IdCardNumber;

use super::diff::{self, Payload};
use super::file_import::{self, KeyedRows};
use super::repo;
use super::rest_pull::{self, ConnectorSettings};
use crate::audit;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::ApiError;
use crate::jobs::JobContext;

pub const APPLY_BATCH: i64 = 500;

pub enum Source {
    File {
        name: String,
        bytes: Vec<u8>,
    },
    /// An uploaded file, read from the file store by the job.
    Stored {
        name: String,
        sha256: String,
        store: crate::files::FileStore,
    },
    Connector(ConnectorSettings),
}

/// Where progress goes: the sync job's row and, when it runs as a background job, the job's
/// row (one transaction, which is also the job's heartbeat).
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    pub db: &'a Db,
    pub job_id: i64,
    pub background: Option<&'a JobContext>,
}

impl Progress<'_> {
    /// `Err` once a cancel of the background job was seen.
    fn check_cancel(&self) -> Result<(), String> {
        self.background.map_or(Ok(()), |ctx| ctx.check_cancel())
    }

    fn note(&self, phase: &str, done: usize, total: usize) {
        let (done, total) = (done as i64, total as i64);
        let written = self.db.write_blocking(|conn| {
            repo::progress(conn, self.job_id, phase, done, total)?;
            if let Some(ctx) = self.background {
                ctx.record_progress(conn, phase, done, total)?;
            }
            Ok(())
        });
        if let Err(e) = written {
            tracing::warn!(job_id = self.job_id, error = %e.message, "could not record job progress");
        }
    }
}

/// Runs the preview to the end (on the caller's thread). Failures are recorded on the job.
pub fn run_preview(
    db: &Db,
    job_id: i64,
    source: Source,
    scope_path: &str,
    full_roster: bool,
    today: NaiveDate,
) -> Result<(), String> {
    let result = preview(Progress { db, job_id, background: None }, source, scope_path, full_roster, today);
    if let Err(message) = &result {
        let _ = db.write_blocking(|conn| repo::finish(conn, job_id, JobStatus::Failed, "失败", None, Some(message)));
    }
    result
}

/// Reads, compares and saves the preview. Saving checks that the sync job still waits for it,
/// so a preview that two instances both ran (one taken over) is saved once.
pub fn preview(
    progress: Progress,
    source: Source,
    scope_path: &str,
    full_roster: bool,
    today: NaiveDate,
) -> Result<(), String> {
    let (db, job_id) = (progress.db, progress.job_id);
    let rows: KeyedRows = match source {
        Source::File { name, bytes } => {
            progress.note("读取文件", 0, 0);
            file_import::read_table(&name, &bytes)?
        }
        Source::Stored { name, sha256, store } => {
            progress.note("读取文件", 0, 0);
            // The upload moves into place right after its commit; a worker may start first.
            let mut read = store.read(&sha256);
            for _ in 0..50 {
                if read.is_ok() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
                read = store.read(&sha256);
            }
            let bytes = read.map_err(|e| e.message)?;
            file_import::read_table(&name, &bytes)?
        }
        Source::Connector(settings) => {
            progress.note("从人事系统拉取", 0, 0);
            rest_pull::pull(&settings, |n| progress.note("从人事系统拉取", n, 0))?
        }
    };
    let total = rows.len();
    progress.note("比对", 0, total);
    let scope = scope_path.to_string();
    let (existing, orgs) = db
        .read_blocking(|conn| Ok((repo::existing_people(conn, &scope)?, repo::scope_orgs(conn, &scope)?)))
        .map_err(|e| e.message)?;
    let comparison =
        diff::compare(&rows, &existing, &orgs, full_roster, today, |done| progress.note("比对", done, total));
    progress.check_cancel()?;
    progress.note("保存预览", total, total);
    db.write_blocking(|conn| {
        if repo::get_job(conn, job_id)?.status != JobStatus::Running.code() {
            return Err(ApiError::invalid_state("该同步任务已不在进行中"));
        }
        repo::insert_rows(conn, job_id, &comparison.rows)?;
        repo::finish(conn, job_id, JobStatus::PreviewReady, "待确认", Some(&comparison.counts), None)
    })
    .map_err(|e| e.message)
}

/// Applies every pending row of a job, `APPLY_BATCH` rows per transaction. A failing batch is
/// rolled back whole; the batches before it stay applied and a new apply continues after them.
pub fn run_apply(db: &Db, job_id: i64, actor: &Actor, today: NaiveDate) -> Result<(), String> {
    apply(Progress { db, job_id, background: None }, actor, today)
}

pub fn apply(progress: Progress, actor: &Actor, today: NaiveDate) -> Result<(), String> {
    let (db, job_id) = (progress.db, progress.job_id);
    let total = db.read_blocking(|conn| repo::count_pending(conn, job_id)).map_err(|e| e.message)?;
    let batches = (total + APPLY_BATCH - 1) / APPLY_BATCH;
    let mut done = 0i64;
    let mut skipped = 0i64;
    let mut batch = 0i64;
    loop {
        batch += 1;
        let phase = format!("应用第 {batch}/{} 批", batches.max(1));
        progress.note(&phase, done as usize, total as usize);
        progress.check_cancel()?;
        let written = db.write_blocking(|conn| {
            let rows = repo::pending_rows(conn, job_id, APPLY_BATCH)?;
            let mut skipped_here = 0;
            for row in &rows {
                if !apply_row(conn, actor, row, today)? {
                    skipped_here += 1;
                }
                repo::mark_applied(conn, row.0)?;
            }
            Ok((rows.len() as i64, skipped_here))
        });
        match written {
            Ok((0, _)) => break,
            Ok((n, s)) => {
                done += n;
                skipped += s;
            }
            Err(e) => {
                let message =
                    format!("第 {batch} 批应用失败，本批未写入任何数据（此前 {done} 条已应用）：{}", e.message);
                let _ = db
                    .write_blocking(|conn| repo::finish(conn, job_id, JobStatus::Failed, "失败", None, Some(&message)));
                return Err(message);
            }
        }
    }
    let phase = if skipped > 0 {
        format!("已应用（{skipped} 条因预览后人员信息已变化而跳过，请重新同步）")
    } else {
        "已应用".to_string()
    };
    db.write_blocking(|conn| {
        repo::progress(conn, job_id, &phase, done, total)?;
        repo::finish(conn, job_id, JobStatus::Applied, &phase, None, None)
    })
    .map_err(|e| e.message)
}

/// What a field holds now, in the terms of the preview's `old` values.
fn current_value(
    person: &crate::members::models::PersonRow,
    field: &str,
    hr_left_on: Option<chrono::NaiveDate>,
) -> Option<String> {
    match field {
        "name" => Some(person.name.clone()),
        "phone" => person.phone.clone(),
        "education" => person.education.clone(),
        "occupation" => person.occupation.clone(),
        "ethnicity" => Some(person.ethnicity.clone()),
        "work_unit" => person.work_unit.clone(),
        "department" => person.department.clone(),
        "employee_number" => person.employee_number.clone(),
        "hr_left_on" => Some(if hr_left_on.is_some() { "已离开单位" } else { "在职" }.to_string()),
        _ => None,
    }
}

/// Writes one row; `false` when the record changed since the preview (the row is skipped so
/// that an old preview never reverts newer data).
fn apply_row(
    conn: &mut crate::db::DbConnection,
    actor: &Actor,
    row: &repo::StoredRow,
    today: NaiveDate,
) -> Result<bool, ApiError> {
    let payload: Payload = serde_json::from_str(&row.6).map_err(ApiError::internal)?;
    let kind = ChangeKind::from_code(&row.2).unwrap_or(ChangeKind::Invalid);
    match (kind, &payload.new_person, row.3) {
        (ChangeKind::New, Some(person), _) => {
            let id_card =
                IdCardNumber::parse(&person.id_card_number, today).map_err(|e| ApiError::internal(e.message()))?;
            let id = repo::insert_new_person(conn, person, id_card.gender().code(), id_card.birth_date())?;
            audit::record(conn, Some(actor), "hr_sync_create", "person", id, None::<&()>, Some(person))?;
        }
        (ChangeKind::Changed | ChangeKind::LeftUnit, _, Some(person_id)) if !payload.changes.is_empty() => {
            let before = crate::members::repo::get(conn, person_id)?;
            let hr_left_on = repo::hr_left_on(conn, person_id)?;
            let unchanged_since_preview =
                payload.changes.iter().all(|c| current_value(&before, &c.field, hr_left_on) == c.old);
            if before.left_on.is_some() || !unchanged_since_preview {
                return Ok(false);
            }
            if !repo::apply_changes(conn, person_id, before.version, &payload.changes, today)? {
                return Ok(false);
            }
            let after = crate::members::repo::get(conn, person_id)?;
            audit::record(conn, Some(actor), "hr_sync_update", "person", person_id, Some(&before), Some(&after))?;
        }
        _ => {}
    }
    Ok(true)
}
