//! HTTP handlers of the HR connectors: configure, list, pull now.

use actix_web::{HttpResponse, get, post, put, web};
use shared::api::hr::*;
use shared::error::ErrorBody;
use shared::permissions::Action;

use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::error::ApiError;
use crate::hr_sync::job_kinds::{self, PreviewSource};
use crate::hr_sync::repo;
use crate::hr_sync::service::{connector_view, new_job, scope, settings_of, validate_connector};
use crate::secrets::SecretBox;
use crate::state::AppState;

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
