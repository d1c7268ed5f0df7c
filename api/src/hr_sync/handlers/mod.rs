//! HTTP handlers of the HR sync feature.

pub mod connectors;

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use shared::RoleKind;
use shared::api::hr::*;
use shared::api::{Page, PageQuery};
use shared::error::ErrorBody;
use shared::permissions::Action;

use super::job_kinds::{self, PreviewSource};
use super::service::{job_in_reach, new_job, scope};
use super::{export, file_import, repo};
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::db::subtree_bounds;
use crate::error::ApiError;
use crate::state::AppState;

/// The XLSX import template (Chinese headers, one example row).
#[utoipa::path(tag = "hr", responses((status = 200, description = "XLSX file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/hr/template.xlsx")]
pub async fn template(_actor: Actor) -> Result<HttpResponse, ApiError> {
    let bytes = web::block(file_import::template).await.map_err(ApiError::internal)??;
    Ok(xlsx_response(bytes, "人员信息导入模板.xlsx"))
}

fn xlsx_response(bytes: Vec<u8>, file_name: &str) -> HttpResponse {
    crate::files::download::file(bytes, crate::files::Kind::Xlsx.media_type(), file_name)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// The uploaded file's name (its extension chooses the reader: .xlsx, .xls, .csv).
    pub file_name: String,
    /// The org subtree to sync (default: the caller's org).
    pub org_id: Option<i64>,
    /// The file lists everyone of the scope: people missing from it are marked as having left the unit.
    pub full_roster: Option<bool>,
}

/// Upload a roster (raw file bytes as the body, at most 20 MB) and start its dry run.
#[utoipa::path(tag = "hr", params(ImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 202, body = SyncJobView), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody)), security(("bearer" = [])))]
#[post("/hr/imports")]
pub async fn import(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ImportQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    use crate::documents::table_import;
    use crate::files::{FileStore, upload};
    let query = query.into_inner();
    let name = query.file_name.trim().to_string();
    let full_roster = query.full_roster.unwrap_or(false);
    // Role and scope before a single byte of the body is read.
    let checker = actor.clone();
    state.db.read(move |conn| scope(conn, &checker, query.org_id).map(|_| ())).await?;
    let store = FileStore::new(&state.config, state.db.clone());
    let blob = upload::receive(body, file_import::MAX_UPLOAD_BYTES, &store).await?;
    // The cheap container checks (type, ZIP directory, declared sizes) answer 422 right away;
    // the full parse with its limits runs in the preview job.
    let inspected = name.clone();
    let blob = web::block(move || {
        table_import::inspect(&inspected, &blob.read()?, &table_import::Limits::default())
            .map_err(crate::files::invalid_file)?;
        Ok::<_, ApiError>(blob)
    })
    .await
    .map_err(ApiError::internal)??;
    let capacity = state.config.workers.job_queue_capacity;
    let saver = store.clone();
    let (view, blob) = state
        .db
        .write(move |conn| {
            let org = scope(conn, &actor, query.org_id)?;
            let file = crate::files::save(conn, &saver, &blob, org.id, &actor)?;
            let id = repo::create_job(conn, &new_job("file_import", &name, None, &org, full_roster, &actor))?;
            repo::attach_file(conn, id, file.id)?;
            let source = PreviewSource::Stored { name: name.clone(), sha256: blob.sha256.clone() };
            job_kinds::submit_preview(
                conn,
                capacity,
                id,
                &org.path,
                full_roster,
                source,
                false,
                Some(actor.user_id.0),
            )?;
            let job = repo::get_job(conn, id)?;
            Ok((repo::job_view(conn, &job)?, blob))
        })
        .await?;
    web::block(move || store.promote(blob)).await.map_err(ApiError::internal)??;
    state.wake_jobs();
    Ok(HttpResponse::Accepted().json(view))
}

/// Past and running syncs within the caller's reach, newest first.
#[utoipa::path(
    tag = "hr",
    params(PageQuery),
    responses(
        (status = 200, body = Page<SyncJobView>),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)
    ),
    security(("bearer" = []))
)]
#[get("/hr/jobs")]
pub async fn list_jobs(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<SyncJobView>>, ApiError> {
    actor.require_action(Action::RunHrSync)?;
    let keyset = Keyset::of(&query)?;
    let bounds = (actor.role.kind != RoleKind::Department).then(|| subtree_bounds(&actor.role.org_path));
    let items = state
        .db
        .read(move |conn| {
            let found = repo::list_jobs(conn, bounds, keyset.after, keyset.fetch())?;
            repo::job_views(conn, &found)
        })
        .await?;
    Ok(web::Json(keyset.page(items, |j| j.id.0)))
}

/// A job's status and progress (poll this while it runs).
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 200, body = SyncJobView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/hr/jobs/{id}")]
pub async fn job_detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<SyncJobView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let job = job_in_reach(conn, &actor, id)?;
                repo::job_view(conn, &job)
            })
            .await?,
    ))
}

/// The preview rows of a job (everything except unchanged rows, which are only counted).
#[utoipa::path(
    tag = "hr",
    params(("id" = i64, Path), JobRowsQuery, PageQuery),
    responses(
        (status = 200, body = Page<SyncRowView>),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = []))
)]
#[get("/hr/jobs/{id}/rows")]
pub async fn job_rows(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    query: web::Query<JobRowsQuery>,
) -> Result<web::Json<Page<SyncRowView>>, ApiError> {
    let id = id.into_inner();
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let stored = state
        .db
        .read(move |conn| {
            job_in_reach(conn, &actor, id)?;
            repo::list_rows(conn, id, query.kind, keyset.after, keyset.fetch())
        })
        .await?;
    Ok(web::Json(keyset.page(stored, |r| r.0).map(|row| repo::row_view(&row))))
}

/// Apply a ready preview in the background (batches of 500 rows, one transaction each).
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 202, body = SyncJobView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/hr/jobs/{id}/apply")]
pub async fn apply(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let applier = actor;
    let capacity = state.config.workers.job_queue_capacity;
    let view = state
        .db
        .write(move |conn| {
            job_in_reach(conn, &applier, id)?;
            repo::transition(
                conn,
                id,
                JobStatus::PreviewReady,
                JobStatus::Applying,
                "开始应用",
                Some(applier.user_id.0),
            )?;
            crate::audit::record(conn, Some(&applier), "apply", "sync_job", id, None::<&()>, None::<&()>)?;
            job_kinds::submit_apply(conn, capacity, id, &applier)?;
            {
                let job = repo::get_job(conn, id)?;
                repo::job_view(conn, &job)
            }
        })
        .await?;
    state.wake_jobs();
    Ok(HttpResponse::Accepted().json(view))
}

/// Discard a ready preview; nothing is written.
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 200, body = SyncJobView), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/hr/jobs/{id}/discard")]
pub async fn discard(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<SyncJobView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .db
            .write(move |conn| {
                job_in_reach(conn, &actor, id)?;
                repo::transition(conn, id, JobStatus::PreviewReady, JobStatus::Discarded, "已放弃", None)?;
                repo::finish(conn, id, JobStatus::Discarded, "已放弃", None, None)?;
                crate::audit::record(conn, Some(&actor), "discard", "sync_job", id, None::<&()>, None::<&()>)?;
                {
                    let job = repo::get_job(conn, id)?;
                    repo::job_view(conn, &job)
                }
            })
            .await?,
    ))
}

/// The change set of a job as XLSX.
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 200, description = "XLSX file"), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/hr/jobs/{id}/changes.xlsx")]
pub async fn changes_xlsx(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let views = state
        .db
        .read(move |conn| {
            job_in_reach(conn, &actor, id)?;
            Ok(repo::list_rows(conn, id, None, None, 1_000_000)?.iter().map(repo::row_view).collect::<Vec<_>>())
        })
        .await?;
    let bytes = web::block(move || export::change_set(&views)).await.map_err(ApiError::internal)??;
    Ok(xlsx_response(bytes, &format!("同步变更明细-{id}.xlsx")))
}
