//! HTTP handlers of the HR sync feature.

use actix_web::{HttpResponse, get, post, put, web};
use futures_util::StreamExt;
use serde::Deserialize;
use shared::api::hr::*;
use shared::error::{ErrorBody, ErrorCode};
use shared::{OrgId, RoleKind};

use super::connector::ConnectorSettings;
use super::models::{ConnectorFields, ConnectorRow, JobRow, NewJob};
use super::{export, file_import, jobs, repo};
use crate::auth::Actor;
use crate::auth::repo::now;
use crate::db::pagination::{clamp_limit, decode_cursor, page};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;
use crate::orgs::models::OrgRow;
use crate::startup::AppState;

const ADMINS: [RoleKind; 2] = [RoleKind::Department, RoleKind::Committee];

/// The org subtree a sync works on: the given org, or the caller's own; must be in reach.
fn scope(conn: &mut DbConnection, actor: &Actor, org_id: Option<i64>) -> Result<OrgRow, ApiError> {
    actor.require_kind(&ADMINS)?;
    let org = crate::orgs::repo::get(conn, org_id.unwrap_or(actor.role.org_id.0))?;
    actor.require_manage(&org.path)?;
    Ok(org)
}

fn job_in_reach(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<JobRow, ApiError> {
    let job = repo::get_job(conn, id)?;
    scope(conn, actor, Some(job.scope_org_id))?;
    Ok(job)
}

fn spawn_preview(state: &AppState, job_id: i64, source: jobs::Source, scope_path: String, full_roster: bool) {
    let db = state.db.clone();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| jobs::run_preview(&db, job_id, source, &scope_path, full_roster)));
        if result.is_err() {
            let _ = db.write_blocking(|conn| repo::finish(conn, job_id, JobStatus::Failed, "失败", None, Some("内部错误，任务中止")));
        }
    });
}

fn new_job<'a>(kind: &'a str, name: &'a str, connector_id: Option<i64>, org: &OrgRow, full_roster: bool, actor: &Actor) -> NewJob<'a> {
    NewJob {
        source_kind: kind,
        source_name: name,
        connector_id,
        scope_org_id: org.id,
        full_roster,
        status: JobStatus::Running.code(),
        phase: "排队",
        rows_total: 0,
        rows_done: 0,
        counts_json: "{}",
        created_by: Some(actor.user_id.0),
        created_at: now(),
    }
}

/// The XLSX import template (Chinese headers, one example row).
#[utoipa::path(tag = "hr", responses((status = 200, description = "XLSX file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/hr/template.xlsx")]
pub async fn template(_actor: Actor) -> Result<HttpResponse, ApiError> {
    let bytes = web::block(file_import::template).await.map_err(ApiError::internal)?.map_err(ApiError::internal)?;
    Ok(xlsx_response(bytes, "人员信息导入模板.xlsx"))
}

fn xlsx_response(bytes: Vec<u8>, file_name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header(("Content-Disposition", format!("attachment; filename*=UTF-8''{}", url::form_urlencoded::byte_serialize(file_name.as_bytes()).collect::<String>())))
        .body(bytes)
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
pub async fn import(state: web::Data<AppState>, actor: Actor, query: web::Query<ImportQuery>, mut body: web::Payload) -> Result<HttpResponse, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("上传中断：{e}")))?;
        if bytes.len() + chunk.len() > file_import::MAX_UPLOAD_BYTES {
            return Err(ApiError::new(ErrorCode::PayloadTooLarge, format!("文件过大（上限 {} MB）", file_import::MAX_UPLOAD_BYTES / 1024 / 1024)));
        }
        bytes.extend_from_slice(&chunk);
    }
    if bytes.is_empty() {
        return Err(ApiError::field("file", "required", "请选择要导入的文件"));
    }
    let query = query.into_inner();
    let name = query.file_name.trim().to_string();
    let full_roster = query.full_roster.unwrap_or(false);
    let creator = actor.clone();
    let (job_id, scope_path, view) = state
        .db
        .write(move |conn| {
            let org = scope(conn, &creator, query.org_id)?;
            let id = repo::create_job(conn, &new_job("file_import", &name, None, &org, full_roster, &creator))?;
            let view = { let job = repo::get_job(conn, id)?; repo::job_view(conn, &job) }?;
            Ok((id, org.path, view))
        })
        .await?;
    spawn_preview(&state, job_id, jobs::Source::File { name: view.source_name.clone(), bytes }, scope_path, full_roster);
    Ok(HttpResponse::Accepted().json(view))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Past and running syncs within the caller's reach, newest first.
#[utoipa::path(tag = "hr", params(PageQuery), responses((status = 200, body = SyncJobPage), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/hr/jobs")]
pub async fn list_jobs(state: web::Data<AppState>, actor: Actor, query: web::Query<PageQuery>) -> Result<web::Json<SyncJobPage>, ApiError> {
    actor.require_kind(&ADMINS)?;
    let limit = clamp_limit(query.limit);
    let before = decode_cursor(query.cursor.as_deref())?;
    let bounds = (actor.role.kind != RoleKind::Department).then(|| subtree_bounds(&actor.role.org_path));
    let items = state
        .db
        .read(move |conn| {
            let found = repo::list_jobs(conn, bounds, before, limit + 1)?;
            found.iter().map(|r| repo::job_view(conn, r)).collect::<Result<Vec<_>, _>>()
        })
        .await?;
    let (items, next_cursor) = page(items, limit, |j| j.id);
    Ok(web::Json(SyncJobPage { items, next_cursor }))
}

/// A job's status and progress (poll this while it runs).
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 200, body = SyncJobView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/hr/jobs/{id}")]
pub async fn job_detail(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>) -> Result<web::Json<SyncJobView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| { let job = job_in_reach(conn, &actor, id)?; repo::job_view(conn, &job) }).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct RowsQuery {
    /// new, changed, left_unit, conflict, invalid
    pub kind: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The preview rows of a job (everything except unchanged rows, which are only counted).
#[utoipa::path(tag = "hr", params(("id" = i64, Path), RowsQuery), responses((status = 200, body = SyncRowPage), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/hr/jobs/{id}/rows")]
pub async fn job_rows(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>, query: web::Query<RowsQuery>) -> Result<web::Json<SyncRowPage>, ApiError> {
    let id = id.into_inner();
    let kind = match query.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(ChangeKind::from_code(k).ok_or_else(|| ApiError::bad_request("kind", "未知的变更类型"))?),
        None => None,
    };
    let limit = clamp_limit(query.limit);
    let after = decode_cursor(query.cursor.as_deref())?;
    let stored = state
        .db
        .read(move |conn| {
            job_in_reach(conn, &actor, id)?;
            repo::list_rows(conn, id, kind, after, limit + 1)
        })
        .await?;
    let (stored, next_cursor) = page(stored, limit, |r| r.0);
    Ok(web::Json(SyncRowPage { items: stored.iter().map(repo::row_view).collect(), next_cursor }))
}

/// Apply a ready preview in the background (batches of 500 rows, one transaction each).
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 202, body = SyncJobView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/hr/jobs/{id}/apply")]
pub async fn apply(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let applier = actor.clone();
    let view = state
        .db
        .write(move |conn| {
            job_in_reach(conn, &applier, id)?;
            repo::transition(conn, id, JobStatus::PreviewReady, JobStatus::Applying, "开始应用", Some(applier.user_id.0))?;
            crate::audit::record(conn, Some(&applier), "apply", "sync_job", id, None::<&()>, None::<&()>)?;
            { let job = repo::get_job(conn, id)?; repo::job_view(conn, &job) }
        })
        .await?;
    let db = state.db.clone();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| jobs::run_apply(&db, id, &actor)));
        if result.is_err() {
            let _ = db.write_blocking(|conn| repo::finish(conn, id, JobStatus::Failed, "失败", None, Some("内部错误，任务中止；可重新应用，已写入的批次不会重复")));
        }
    });
    Ok(HttpResponse::Accepted().json(view))
}

/// Discard a ready preview; nothing is written.
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 200, body = SyncJobView), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/hr/jobs/{id}/discard")]
pub async fn discard(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>) -> Result<web::Json<SyncJobView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .db
            .write(move |conn| {
                job_in_reach(conn, &actor, id)?;
                repo::transition(conn, id, JobStatus::PreviewReady, JobStatus::Discarded, "已放弃", None)?;
                repo::finish(conn, id, JobStatus::Discarded, "已放弃", None, None)?;
                crate::audit::record(conn, Some(&actor), "discard", "sync_job", id, None::<&()>, None::<&()>)?;
                { let job = repo::get_job(conn, id)?; repo::job_view(conn, &job) }
            })
            .await?,
    ))
}

/// The change set of a job as XLSX.
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 200, description = "XLSX file"), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/hr/jobs/{id}/changes.xlsx")]
pub async fn changes_xlsx(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let views = state
        .db
        .read(move |conn| {
            job_in_reach(conn, &actor, id)?;
            Ok(repo::list_rows(conn, id, None, None, 1_000_000)?.iter().map(repo::row_view).collect::<Vec<_>>())
        })
        .await?;
    let bytes = web::block(move || export::change_set(&views)).await.map_err(ApiError::internal)?.map_err(ApiError::internal)?;
    Ok(xlsx_response(bytes, &format!("同步变更明细-{id}.xlsx")))
}

pub fn settings_of(row: &ConnectorRow, timeout_seconds: u64) -> ConnectorSettings {
    ConnectorSettings {
        base_url: row.base_url.clone(),
        auth_header: row.auth_header_name.clone().zip(row.auth_header_value.clone()),
        paging_style: serde_json::from_value(serde_json::Value::String(row.paging_style.clone())).unwrap_or(PagingStyle::PageNumber),
        page_size: row.page_size,
        items_pointer: row.items_pointer.clone(),
        next_cursor_pointer: row.next_cursor_pointer.clone(),
        field_mapping: serde_json::from_str(&row.field_mapping_json).unwrap_or_default(),
        timeout: std::time::Duration::from_secs(timeout_seconds),
    }
}

fn connector_view(row: &ConnectorRow, last_job_id: Option<i64>) -> ConnectorView {
    let settings = settings_of(row, 0);
    ConnectorView {
        id: row.id,
        name: row.name.clone(),
        base_url: row.base_url.clone(),
        auth_header_name: row.auth_header_name.clone(),
        has_auth_value: row.auth_header_value.is_some(),
        paging_style: settings.paging_style,
        page_size: row.page_size,
        items_pointer: row.items_pointer.clone(),
        next_cursor_pointer: row.next_cursor_pointer.clone(),
        field_mapping: settings.field_mapping,
        schedule_hour: row.schedule_hour,
        scope_org_id: OrgId(row.scope_org_id),
        last_job_id,
    }
}

fn validate_connector(input: &ConnectorInput) -> Result<ConnectorFields, ApiError> {
    let mut errors = Vec::new();
    if input.name.trim().is_empty() {
        errors.push(shared::error::FieldError::new("name", "required", "请填写连接名称"));
    }
    if url::Url::parse(&input.base_url).map(|u| !matches!(u.scheme(), "http" | "https")).unwrap_or(true) {
        errors.push(shared::error::FieldError::new("base_url", "invalid", "请填写 http(s) 开头的完整地址"));
    }
    if !(1..=5000).contains(&input.page_size) {
        errors.push(shared::error::FieldError::new("page_size", "out_of_range", "每页条数应为 1–5000"));
    }
    if input.schedule_hour.is_some_and(|h| !(0..24).contains(&h)) {
        errors.push(shared::error::FieldError::new("schedule_hour", "out_of_range", "同步时间应为 0–23 点"));
    }
    if input.paging_style == PagingStyle::Cursor && input.next_cursor_pointer.as_deref().unwrap_or("").is_empty() {
        errors.push(shared::error::FieldError::new("next_cursor_pointer", "required", "游标分页须指定下一页游标的位置"));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(ConnectorFields {
        name: input.name.trim().to_string(),
        base_url: input.base_url.trim().to_string(),
        auth_header_name: input.auth_header_name.clone().filter(|h| !h.trim().is_empty()),
        paging_style: serde_json::to_value(input.paging_style).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        page_size: input.page_size,
        items_pointer: input.items_pointer.clone(),
        next_cursor_pointer: input.next_cursor_pointer.clone(),
        field_mapping_json: serde_json::to_string(&input.field_mapping).unwrap_or_default(),
        schedule_hour: input.schedule_hour,
        scope_org_id: input.scope_org_id.0,
    })
}

/// HR connectors within the caller's reach.
#[utoipa::path(tag = "hr", responses((status = 200, body = Vec<ConnectorView>), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/hr/connectors")]
pub async fn list_connectors(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<Vec<ConnectorView>>, ApiError> {
    actor.require_kind(&ADMINS)?;
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                use diesel::prelude::*;
                use crate::db::schema::hr_connectors;
                let connectors: Vec<ConnectorRow> = hr_connectors::table.order(hr_connectors::id).select(ConnectorRow::as_select()).load(conn)?;
                let mut views = Vec::new();
                for row in connectors {
                    let org = crate::orgs::repo::get(conn, row.scope_org_id)?;
                    if actor.manages_path(&org.path) {
                        views.push(connector_view(&row, None));
                    }
                }
                Ok(views)
            })
            .await?,
    ))
}

/// Create an HR connector.
#[utoipa::path(tag = "hr", request_body = ConnectorInput, responses((status = 201, body = ConnectorView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/hr/connectors")]
pub async fn create_connector(state: web::Data<AppState>, actor: Actor, body: web::Json<ConnectorInput>) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let view = state
        .db
        .write(move |conn| {
            use diesel::prelude::*;
            use crate::db::schema::hr_connectors;
            scope(conn, &actor, Some(input.scope_org_id.0))?;
            let fields = validate_connector(&input)?;
            let id: i64 = diesel::insert_into(hr_connectors::table)
                .values((&fields, hr_connectors::auth_header_value.eq(&input.auth_header_value), hr_connectors::created_at.eq(now()), hr_connectors::updated_at.eq(now())))
                .returning(hr_connectors::id)
                .get_result(conn)?;
            crate::audit::record(conn, Some(&actor), "create", "hr_connector", id, None::<&()>, Some(&input.name))?;
            Ok(connector_view(&repo::connector(conn, id)?, None))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Update an HR connector; an omitted auth value keeps the stored one.
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), request_body = ConnectorInput, responses((status = 200, body = ConnectorView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/hr/connectors/{id}")]
pub async fn update_connector(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>, body: web::Json<ConnectorInput>) -> Result<web::Json<ConnectorView>, ApiError> {
    let id = id.into_inner();
    let input = body.into_inner();
    Ok(web::Json(
        state
            .db
            .write(move |conn| {
                use diesel::prelude::*;
                use crate::db::schema::hr_connectors;
                let current = repo::connector(conn, id)?;
                scope(conn, &actor, Some(current.scope_org_id))?;
                scope(conn, &actor, Some(input.scope_org_id.0))?;
                let fields = validate_connector(&input)?;
                diesel::update(hr_connectors::table.find(id)).set((&fields, hr_connectors::updated_at.eq(now()))).execute(conn)?;
                // A stored secret only ever goes to the host it was entered for.
                let same_origin = url::Url::parse(&current.base_url).ok().map(|u| u.origin()) == url::Url::parse(&fields.base_url).ok().map(|u| u.origin());
                let secret = match (&input.auth_header_value, same_origin) {
                    (Some(new), _) => Some(new.clone()),
                    (None, true) => current.auth_header_value.clone(),
                    (None, false) => None,
                };
                diesel::update(hr_connectors::table.find(id)).set(hr_connectors::auth_header_value.eq(secret)).execute(conn)?;
                crate::audit::record(conn, Some(&actor), "update", "hr_connector", id, Some(&current.name), Some(&input.name))?;
                Ok(connector_view(&repo::connector(conn, id)?, None))
            })
            .await?,
    ))
}

/// Pull from the HR system now (a dry run; apply it afterwards).
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), responses((status = 202, body = SyncJobView), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[post("/hr/connectors/{id}/pull")]
pub async fn pull(state: web::Data<AppState>, actor: Actor, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let timeout = state.config.hr_request_timeout_seconds;
    let (job_id, settings, scope_path, view) = state
        .db
        .write(move |conn| {
            let connector = repo::connector(conn, id)?;
            let org = scope(conn, &actor, Some(connector.scope_org_id))?;
            let job_id = repo::create_job(conn, &new_job("hr_pull", &connector.name, Some(id), &org, true, &actor))?;
            let view = { let job = repo::get_job(conn, job_id)?; repo::job_view(conn, &job) }?;
            Ok((job_id, settings_of(&connector, timeout), org.path, view))
        })
        .await?;
    spawn_preview(&state, job_id, jobs::Source::Connector(settings), scope_path, true);
    Ok(HttpResponse::Accepted().json(view))
}
