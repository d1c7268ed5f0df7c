//! HR previews and applies as background jobs: what is stored with the job so that any
//! instance can run it, or take it over when the instance running it dies.

use serde::{Deserialize, Serialize};
use shared::api::hr::JobStatus;
use shared::{OrgId, PersonId, RoleAssignmentId, RoleKind, UserId};

use super::jobs::{self, Progress, Source};
use super::{repo, service};
use crate::auth::Actor;
use crate::auth::actor::ActiveRole;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::jobs::{JobContext, JobKind, NewJob};

pub const PREVIEW: JobKind = JobKind { name: "hr_preview", run: run_preview, failed: preview_failed };
pub const APPLY: JobKind = JobKind { name: "hr_apply", run: run_apply, failed: apply_failed };

#[derive(Serialize, Deserialize)]
struct PreviewPayload {
    sync_job_id: i64,
    scope_path: String,
    full_roster: bool,
    /// Pull from this connector; without it, the job's input is the uploaded file.
    connector_id: Option<i64>,
    file_name: String,
    /// The uploaded file in the file store (else it is the job's input).
    #[serde(default)]
    file_sha256: Option<String>,
    /// Started by the nightly schedule: a failure is reported to the 政工部门.
    scheduled: bool,
}

/// Queues the preview of sync job `sync_job_id` in the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub fn submit_preview(
    conn: &mut DbConnection,
    capacity: i64,
    sync_job_id: i64,
    scope_path: &str,
    full_roster: bool,
    source: PreviewSource,
    scheduled: bool,
    created_by: Option<i64>,
) -> Result<i64, ApiError> {
    let (connector_id, file_name, file_sha256, input) = match source {
        PreviewSource::Connector { id, name } => (Some(id), name, None, None),
        PreviewSource::File { name, bytes } => (None, name, None, Some(bytes)),
        PreviewSource::Stored { name, sha256 } => (None, name, Some(sha256), None),
    };
    let payload = PreviewPayload {
        sync_job_id,
        scope_path: scope_path.to_string(),
        full_roster,
        connector_id,
        file_name,
        file_sha256,
        scheduled,
    };
    crate::jobs::submit(
        conn,
        capacity,
        &NewJob {
            kind: PREVIEW.name,
            payload: serde_json::to_value(&payload).map_err(ApiError::internal)?,
            input,
            created_by,
        },
    )
}

pub enum PreviewSource<'a> {
    Connector {
        id: i64,
        name: String,
    },
    File {
        name: String,
        bytes: &'a [u8],
    },
    /// An upload kept in the file store (every instance reads it there).
    Stored {
        name: String,
        sha256: String,
    },
}

fn payload<T: for<'de> Deserialize<'de>>(ctx: &JobContext) -> Result<T, String> {
    serde_json::from_value(ctx.payload.clone()).map_err(|e| format!("任务参数无效：{e}"))
}

fn run_preview(ctx: &JobContext) -> Result<(), String> {
    let p: PreviewPayload = payload(ctx)?;
    let db = &ctx.env.db;
    let source = match p.connector_id {
        Some(id) => {
            let row = db.read_blocking(|conn| repo::connector(conn, id)).map_err(|e| e.message)?;
            Source::Connector(service::settings_of(&row, &ctx.env.config).map_err(|e| e.message)?)
        }
        None => match p.file_sha256 {
            Some(sha256) => {
                let store = crate::files::FileStore::new(&ctx.env.config, ctx.env.db.clone());
                Source::Stored { name: p.file_name, sha256, store }
            }
            None => Source::File { name: p.file_name, bytes: ctx.input()?.ok_or("上传的文件已不在任务中")? },
        },
    };
    let progress = Progress { db, job_id: p.sync_job_id, background: Some(ctx) };
    jobs::preview(progress, source, &p.scope_path, p.full_roster, ctx.env.clock.today())
}

fn preview_failed(ctx: &JobContext, message: &str) {
    let Ok(p) = payload::<PreviewPayload>(ctx) else { return };
    let written = ctx.env.db.write_blocking(|conn| {
        repo::finish(conn, p.sync_job_id, JobStatus::Failed, "失败", None, Some(message))?;
        if p.scheduled {
            let body = format!("人事系统“{}”定时同步失败：{message}", p.file_name);
            let link = format!("/hr/jobs/{}", p.sync_job_id);
            crate::notify::notify_department(conn, "人事数据同步失败", &body, Some(&link))?;
        }
        Ok(())
    });
    if let Err(e) = written {
        tracing::warn!(sync_job_id = p.sync_job_id, error = %e.message, "could not record a failed preview");
    }
    ctx.env.wake_outbox();
}

/// Who applies: the actor's identity, kept with the job so the audit rows name the person who
/// pressed "apply" even when another instance finishes it.
#[derive(Serialize, Deserialize)]
struct ApplyPayload {
    sync_job_id: i64,
    session_id: i64,
    user_id: i64,
    username: String,
    person_id: Option<i64>,
    role_id: i64,
    role_kind: String,
    org_id: i64,
    org_path: String,
    ip: Option<String>,
}

/// Queues the apply of sync job `sync_job_id` for `actor` in the caller's transaction.
pub fn submit_apply(conn: &mut DbConnection, capacity: i64, sync_job_id: i64, actor: &Actor) -> Result<i64, ApiError> {
    let payload = ApplyPayload {
        sync_job_id,
        session_id: actor.session_id,
        user_id: actor.user_id.0,
        username: actor.username.clone(),
        person_id: actor.person_id.map(|p| p.0),
        role_id: actor.role.id.0,
        role_kind: actor.role.kind.code().to_string(),
        org_id: actor.role.org_id.0,
        org_path: actor.role.org_path.clone(),
        ip: actor.ip.clone(),
    };
    crate::jobs::submit(
        conn,
        capacity,
        &NewJob {
            kind: APPLY.name,
            payload: serde_json::to_value(&payload).map_err(ApiError::internal)?,
            input: None,
            created_by: Some(actor.user_id.0),
        },
    )
}

fn run_apply(ctx: &JobContext) -> Result<(), String> {
    let p: ApplyPayload = payload(ctx)?;
    let actor = Actor {
        session_id: p.session_id,
        user_id: UserId(p.user_id),
        username: p.username,
        person_id: p.person_id.map(PersonId),
        role: ActiveRole {
            id: RoleAssignmentId(p.role_id),
            kind: RoleKind::from_code(&p.role_kind).ok_or("任务参数无效：角色")?,
            org_id: OrgId(p.org_id),
            org_path: p.org_path,
        },
        ip: p.ip,
    };
    let progress = Progress { db: &ctx.env.db, job_id: p.sync_job_id, background: Some(ctx) };
    jobs::apply(progress, &actor, ctx.env.clock.today())
}

fn apply_failed(ctx: &JobContext, message: &str) {
    let Ok(p) = payload::<ApplyPayload>(ctx) else { return };
    let message = format!("{message}；可重新应用，已写入的批次不会重复");
    // A failed batch has already recorded its own, more precise message.
    let _ = ctx.env.db.write_blocking(|conn| {
        if repo::get_job(conn, p.sync_job_id)?.status == JobStatus::Applying.code() {
            repo::finish(conn, p.sync_job_id, JobStatus::Failed, "失败", None, Some(&message))?;
        }
        Ok(())
    });
}
