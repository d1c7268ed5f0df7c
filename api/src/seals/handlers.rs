//! `/api/v1/seals/{org_id}`: an org's seal (the 政工部门 manages it; the org's officials see it),
//! its image, and the log of its uses.

use actix_web::{HttpResponse, get, post, put, web};
use shared::api::requests::{SealUpdate, SealUse, SealView};
use shared::error::ErrorBody;
use shared::permissions::Action;

use super::{repo, service, signer_for};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::state::AppState;

/// Seal images are small: 512 KB at most.
const IMAGE_LIMIT: usize = 512 * 1024;

/// The org's seal (created with the generated image and a new key pair on first view).
#[utoipa::path(tag = "seals", params(("org_id" = i64, Path)), responses((status = 200, body = SealView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/seals/{org_id}")]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    org_id: web::Path<i64>,
) -> Result<web::Json<SealView>, ApiError> {
    let signer = signer_for(&state.config)?;
    let org_id = org_id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::get(conn, &actor, signer.as_ref(), org_id)).await?))
}

/// The 机关代字, back to the generated image, or a new key pair (政工部门).
#[utoipa::path(tag = "seals", params(("org_id" = i64, Path)), request_body = SealUpdate, responses((status = 200, body = SealView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/seals/{org_id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    org_id: web::Path<i64>,
    input: web::Json<SealUpdate>,
) -> Result<web::Json<SealView>, ApiError> {
    let signer = signer_for(&state.config)?;
    let org_id = org_id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::update(conn, &actor, signer.as_ref(), org_id, &input)).await?))
}

/// An uploaded seal image (PNG or JPEG, at most 512 KB; a transparent PNG looks best).
#[utoipa::path(tag = "seals", params(("org_id" = i64, Path)), request_body(content = Vec<u8>, content_type = "application/octet-stream"), responses((status = 200, body = SealView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/seals/{org_id}/image")]
pub async fn upload_image(
    state: web::Data<AppState>,
    actor: Actor,
    org_id: web::Path<i64>,
    payload: web::Payload,
) -> Result<web::Json<SealView>, ApiError> {
    let org_id = org_id.into_inner();
    let path = state.db.read(move |conn| Ok(crate::orgs::repo::get(conn, org_id)?.path)).await?;
    actor.require(Action::ManageSeals, &path)?;
    let store = crate::files::FileStore::new(&state.config, state.db.clone());
    let temp = crate::files::upload::receive(payload, IMAGE_LIMIT, &store).await?;
    let signer = signer_for(&state.config)?;
    let (view, temp) = {
        let store = store.clone();
        state
            .db
            .write(move |conn| {
                let view = service::set_image(conn, &actor, signer.as_ref(), &store, org_id, &temp)?;
                Ok((view, temp))
            })
            .await?
    };
    store.promote(temp)?;
    Ok(web::Json(view))
}

/// Every document sealed with the org's seal, newest first (who, when, which document).
#[utoipa::path(tag = "seals", params(("org_id" = i64, Path)), responses((status = 200, body = Vec<SealUse>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/seals/{org_id}/uses")]
pub async fn uses(state: web::Data<AppState>, actor: Actor, org_id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let org_id = org_id.into_inner();
    let rows = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, org_id)?;
            if !actor.may(Action::ManageSeals, &org.path) && !actor.may(Action::HandleRequests, &org.path) {
                return Err(actor.denial());
            }
            repo::uses(conn, org_id, 200)
        })
        .await?;
    let uses: Vec<SealUse> = rows
        .into_iter()
        .map(|(request_id, kind, doc_number, title, sealed_by, at)| SealUse {
            request_id,
            kind: shared::api::requests::DocumentKind::from_code(&kind)
                .unwrap_or(shared::api::requests::DocumentKind::Request),
            doc_number,
            title,
            sealed_by,
            sealed_at: at.and_utc(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(uses))
}

/// The seal as an image: the uploaded PNG/JPEG, or the generated round seal as SVG.
#[utoipa::path(tag = "seals", params(("org_id" = i64, Path)), responses((status = 200, description = "PNG, JPEG or SVG"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/seals/{org_id}/image")]
pub async fn image(state: web::Data<AppState>, actor: Actor, org_id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let org_id = org_id.into_inner();
    let store = crate::files::FileStore::new(&state.config, state.db.clone());
    let (bytes, media_type) = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, org_id)?;
            if !actor.may(Action::ManageSeals, &org.path) && !actor.may(Action::HandleRequests, &org.path) {
                return Err(actor.denial());
            }
            let seal = repo::of_org(conn, org.id)?;
            match seal.and_then(|s| s.image_file_id) {
                Some(file) => {
                    let row = crate::files::repo::get(conn, file)?;
                    Ok((store.read_in(conn, &row.sha256)?, row.media_type))
                }
                None => {
                    let mark = shared::rules::requests::issuer_mark(&org.name);
                    Ok((super::image::generated_svg(&mark).into_bytes(), "image/svg+xml".to_string()))
                }
            }
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(media_type)
        .insert_header(("Cache-Control", "private, no-cache"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"))
        .body(bytes))
}
