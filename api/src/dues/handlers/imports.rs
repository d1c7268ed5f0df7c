//! The yearly base declaration: upload (preview with errors per line), look again, apply.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use shared::api::dues::{BaseImportLine, BaseImportView};
use shared::error::ErrorBody;
use shared::permissions::Action;
use shared::rules::dues::{DuesCategory, Fen};
use shared::rules::dues_payment::parse_month;

use crate::auth::Actor;
use crate::dues::base_import::{self, MAX_UPLOAD_BYTES};
use crate::dues::declare::{Declaration, declare};
use crate::dues::repo::imports;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct BaseImportQuery {
    /// The file's name (.xlsx or .csv).
    pub file_name: String,
    /// The org whose members it declares (default: the caller's org).
    pub org_id: Option<i64>,
}

fn view(row: imports::ImportRow) -> Result<BaseImportView, ApiError> {
    let (id, org, file_name, json, valid_rows, error_rows, status, _) = row;
    let mut lines: Vec<BaseImportLine> = serde_json::from_str(&json).map_err(ApiError::internal)?;
    lines.sort_by_key(|l| (l.errors.is_empty(), l.line));
    lines.truncate(500);
    Ok(BaseImportView { id, org_id: shared::OrgId(org), file_name, status, valid_rows, error_rows, lines })
}

/// The declaration template (XLSX).
#[utoipa::path(tag = "dues", responses((status = 200, description = "XLSX")), security(("bearer" = [])))]
#[get("/dues/base-imports/template.xlsx")]
pub async fn template(_actor: Actor) -> Result<HttpResponse, ApiError> {
    let bytes = web::block(base_import::template).await.map_err(ApiError::internal)??;
    Ok(crate::files::download::file(bytes, crate::files::Kind::Xlsx.media_type(), "党费基数申报模板.xlsx"))
}

/// Upload a declaration (the raw file as the body, at most 10 MB): every line is checked and
/// the preview returned; nothing changes until it is applied.
#[utoipa::path(tag = "dues", params(BaseImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = BaseImportView), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/base-imports")]
pub async fn upload(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<BaseImportQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let name = query.file_name.trim().to_string();
    let checker = actor.clone();
    // Role and scope before a byte of the body is read.
    let org = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(checker.role.org_id.0))?;
            checker.require(Action::ManageDues, &org.path)?;
            Ok(org)
        })
        .await?;
    let store = crate::files::FileStore::new(&state.config, state.db.clone());
    let blob = crate::files::upload::receive(body, MAX_UPLOAD_BYTES, &store).await?;
    let bytes = web::block(move || blob.read()).await.map_err(ApiError::internal)??;
    let (rules, now) = (state.config.dues_rules.clone(), state.clock.now());
    let row = state
        .db
        .write(move |conn| {
            let lines = base_import::check(conn, &actor, &rules, &name, &bytes)?;
            let errors = lines.iter().filter(|l| !l.errors.is_empty()).count() as i32;
            let json = serde_json::to_string(&lines).map_err(ApiError::internal)?;
            let id = imports::insert(
                conn,
                &imports::NewImport {
                    org_id: org.id,
                    file_name: &name,
                    rows_json: &json,
                    valid_rows: lines.len() as i32 - errors,
                    error_rows: errors,
                    created_by: actor.user_id.0,
                    now,
                },
            )?;
            imports::get(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(view(row)?))
}

/// A declaration's preview (or what was applied).
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), responses((status = 200, body = BaseImportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/base-imports/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<BaseImportView>, ApiError> {
    let id = id.into_inner();
    let row = state
        .db
        .read(move |conn| {
            let row = imports::get(conn, id)?;
            let org = crate::orgs::repo::get(conn, row.1)?;
            actor.require(Action::ManageDues, &org.path)?;
            Ok(row)
        })
        .await?;
    Ok(web::Json(view(row)?))
}

/// Applies the lines without errors: each member's base from its month (the unpaid months from
/// then on follow it), with an audit row each. Once only.
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), responses((status = 200, body = BaseImportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/base-imports/{id}/apply")]
pub async fn apply(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<BaseImportView>, ApiError> {
    let id = id.into_inner();
    let (rules, now) = (state.config.dues_rules.clone(), state.clock.now());
    let row = state
        .db
        .write(move |conn| {
            let row = imports::get(conn, id)?;
            let org = crate::orgs::repo::get(conn, row.1)?;
            actor.require(Action::ManageDues, &org.path)?;
            if !imports::mark_applied(conn, id, now)? {
                return Err(ApiError::invalid_state("该申报已导入，不能重复导入"));
            }
            let lines: Vec<BaseImportLine> = serde_json::from_str(&row.3).map_err(ApiError::internal)?;
            for line in lines.iter().filter(|l| l.errors.is_empty()) {
                let (Some(person), Some(category), Some(base), Some(month)) = (
                    line.person_id,
                    DuesCategory::parse(&line.category),
                    Fen::parse(&line.base),
                    parse_month(&line.effective_month),
                ) else {
                    continue;
                };
                let note = format!("基数申报导入（{}）", row.2);
                let declaration = Declaration {
                    person: person.0,
                    category,
                    base,
                    month,
                    source: "import",
                    note: Some(&note),
                    action: "dues.base_imported",
                    now,
                };
                declare(conn, &actor, &rules, &declaration)?;
            }
            imports::get(conn, id)
        })
        .await?;
    Ok(web::Json(view(row)?))
}
