//! HTTP handlers of the HR connectors: configure, list, pull now.

use actix_web::{HttpResponse, get, post, put, web};
use shared::OrgId;
use shared::api::hr::*;
use shared::error::ErrorBody;
use shared::permissions::Action;

use super::connector::ConnectorSettings;
use super::handlers::{new_job, scope};
use super::job_kinds::{self, PreviewSource};
use super::models::{ConnectorFields, ConnectorRow};
use super::repo;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::config::Config;
use crate::error::ApiError;
use crate::secrets::SecretBox;
use crate::state::AppState;

/// What a pull needs: the connector's settings with its secret opened.
pub fn settings_of(row: &ConnectorRow, config: &Config) -> Result<ConnectorSettings, ApiError> {
    let secret = match &row.auth_header_value {
        Some(sealed) => Some(SecretBox::from_config(config)?.open(sealed)?),
        None => None,
    };
    Ok(ConnectorSettings {
        base_url: row.base_url.clone(),
        auth_header: row.auth_header_name.clone().zip(secret),
        paging_style: paging_style_of(row),
        page_size: row.page_size,
        items_pointer: row.items_pointer.clone(),
        next_cursor_pointer: row.next_cursor_pointer.clone(),
        field_mapping: serde_json::from_str(&row.field_mapping_json).unwrap_or_default(),
        timeout: std::time::Duration::from_secs(config.hr_request_timeout_seconds),
        allowed_hosts: config.hr.allowed_hosts.clone(),
    })
}

fn paging_style_of(row: &ConnectorRow) -> PagingStyle {
    serde_json::from_value(serde_json::Value::String(row.paging_style.clone())).unwrap_or(PagingStyle::PageNumber)
}

fn connector_view(row: &ConnectorRow, last_job_id: Option<i64>) -> ConnectorView {
    ConnectorView {
        id: shared::ConnectorId(row.id),
        name: row.name.clone(),
        base_url: row.base_url.clone(),
        auth_header_name: row.auth_header_name.clone(),
        has_auth_value: row.auth_header_value.is_some(),
        paging_style: paging_style_of(row),
        page_size: row.page_size,
        items_pointer: row.items_pointer.clone(),
        next_cursor_pointer: row.next_cursor_pointer.clone(),
        field_mapping: serde_json::from_str(&row.field_mapping_json).unwrap_or_default(),
        schedule_hour: row.schedule_hour,
        scope_org_id: OrgId(row.scope_org_id),
        last_job_id: last_job_id.map(shared::JobId),
    }
}

fn validate_connector(input: &ConnectorInput, allowed_hosts: &[String]) -> Result<ConnectorFields, ApiError> {
    let mut errors = Vec::new();
    if input.name.trim().is_empty() {
        errors.push(shared::error::FieldError::new("name", "required", "请填写连接名称"));
    }
    match url::Url::parse(input.base_url.trim()) {
        Err(_) => errors.push(shared::error::FieldError::new("base_url", "invalid", "请填写 http(s) 开头的完整地址")),
        Ok(url) => {
            if let Err(message) = super::allow_list::check(&url, allowed_hosts) {
                errors.push(shared::error::FieldError::new("base_url", "not_allowed", message));
            }
        }
    }
    if !(1..=5000).contains(&input.page_size) {
        errors.push(shared::error::FieldError::new("page_size", "out_of_range", "每页条数应为 1–5000"));
    }
    if input.schedule_hour.is_some_and(|h| !(0..24).contains(&h)) {
        errors.push(shared::error::FieldError::new("schedule_hour", "out_of_range", "同步时间应为 0–23 点"));
    }
    if input.paging_style == PagingStyle::Cursor && input.next_cursor_pointer.as_deref().unwrap_or("").is_empty() {
        errors.push(shared::error::FieldError::new(
            "next_cursor_pointer",
            "required",
            "游标分页须指定下一页游标的位置",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(ConnectorFields {
        name: input.name.trim().to_string(),
        base_url: input.base_url.trim().to_string(),
        auth_header_name: input.auth_header_name.clone().filter(|h| !h.trim().is_empty()),
        paging_style: serde_json::to_value(input.paging_style)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
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
pub async fn list_connectors(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<web::Json<Vec<ConnectorView>>, ApiError> {
    actor.require_action(Action::RunHrSync)?;
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let mut views = Vec::new();
                for row in repo::connectors(conn)? {
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
pub async fn create_connector(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<ConnectorInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let config = state.config.clone();
    let view = state
        .db
        .write(move |conn| {
            actor.require_action(Action::ManageHrConnectors)?;
            scope(conn, &actor, Some(input.scope_org_id.0))?;
            let fields = validate_connector(&input, &config.hr.allowed_hosts)?;
            let sealed = match input.auth_header_value.as_deref().filter(|v| !v.is_empty()) {
                Some(secret) => Some(SecretBox::from_config(&config)?.seal(secret)?),
                None => None,
            };
            let id = repo::insert_connector(conn, &fields, sealed.as_deref(), now())?;
            crate::audit::record(conn, Some(&actor), "create", "hr_connector", id, None::<&()>, Some(&input.name))?;
            Ok(connector_view(&repo::connector(conn, id)?, None))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Update an HR connector; an omitted auth value keeps the stored one.
#[utoipa::path(tag = "hr", params(("id" = i64, Path)), request_body = ConnectorInput, responses((status = 200, body = ConnectorView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/hr/connectors/{id}")]
pub async fn update_connector(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<ConnectorInput>,
) -> Result<web::Json<ConnectorView>, ApiError> {
    let id = id.into_inner();
    let input = body.into_inner();
    let config = state.config.clone();
    Ok(web::Json(
        state
            .db
            .write(move |conn| {
                let current = repo::connector(conn, id)?;
                actor.require_action(Action::ManageHrConnectors)?;
                scope(conn, &actor, Some(current.scope_org_id))?;
                scope(conn, &actor, Some(input.scope_org_id.0))?;
                let fields = validate_connector(&input, &config.hr.allowed_hosts)?;
                // A stored secret only ever goes where it was entered for: the same URL (up to
                // the query) under the same header name. Any change needs it entered again.
                let base = |u: &str| url::Url::parse(u).ok().map(|u| (u.origin(), u.path().to_string()));
                let unchanged = base(&current.base_url) == base(&fields.base_url)
                    && current.auth_header_name == fields.auth_header_name;
                let sealed = match (input.auth_header_value.as_deref().filter(|v| !v.is_empty()), unchanged) {
                    (Some(new), _) => Some(SecretBox::from_config(&config)?.seal(new)?),
                    (None, true) => current.auth_header_value.clone(),
                    (None, false) => None,
                };
                repo::update_connector(conn, id, &fields, sealed.as_deref(), now())?;
                crate::audit::record(
                    conn,
                    Some(&actor),
                    "update",
                    "hr_connector",
                    id,
                    Some(&current.name),
                    Some(&input.name),
                )?;
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
    let config = state.config.clone();
    let capacity = state.config.workers.job_queue_capacity;
    let view = state
        .db
        .write(move |conn| {
            let connector = repo::connector(conn, id)?;
            let org = scope(conn, &actor, Some(connector.scope_org_id))?;
            // Refused hosts and unreadable secrets fail here, before anything is queued.
            settings_of(&connector, &config)?;
            let job_id = repo::create_job(conn, &new_job("hr_pull", &connector.name, Some(id), &org, true, &actor))?;
            let source = PreviewSource::Connector { id, name: connector.name.clone() };
            job_kinds::submit_preview(conn, capacity, job_id, &org.path, true, source, false, Some(actor.user_id.0))?;
            let job = repo::get_job(conn, job_id)?;
            repo::job_view(conn, &job)
        })
        .await?;
    state.wake_jobs();
    Ok(HttpResponse::Accepted().json(view))
}
