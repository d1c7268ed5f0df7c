//! Use cases of HR sync that are not a job's own work: who may sync which subtree, new job rows,
//! and the connectors' settings (validated against the allow-list, secret opened for a pull).

use shared::OrgId;
use shared::api::hr::*;
use shared::permissions::Action;

use super::models::{ConnectorFields, ConnectorRow, JobRow, NewJob};
use super::repo;
use super::rest_pull::ConnectorSettings;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;
use crate::secrets::SecretBox;

/// The org subtree a sync works on: the given org, or the caller's own; must be in reach.
pub fn scope(conn: &mut DbConnection, actor: &Actor, org_id: Option<i64>) -> Result<OrgRow, ApiError> {
    actor.require_action(Action::RunHrSync)?;
    let org = crate::orgs::repo::get(conn, org_id.unwrap_or(actor.role.org_id.0))?;
    actor.require(Action::RunHrSync, &org.path)?;
    Ok(org)
}

pub fn job_in_reach(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<JobRow, ApiError> {
    let job = repo::get_job(conn, id)?;
    scope(conn, actor, Some(job.scope_org_id))?;
    Ok(job)
}

pub fn new_job<'a>(
    kind: &'a str,
    name: &'a str,
    connector_id: Option<i64>,
    org: &OrgRow,
    full_roster: bool,
    actor: &Actor,
) -> NewJob<'a> {
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

pub fn connector_view(row: &ConnectorRow, last_job_id: Option<i64>) -> ConnectorView {
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

pub fn validate_connector(input: &ConnectorInput, allowed_hosts: &[String]) -> Result<ConnectorFields, ApiError> {
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
