//! HTTP handlers of the record: write, sign, amend; attachments; 民主评议 ratings.

use actix_web::{HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::api::meetings::*;
use shared::error::ErrorBody;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::meetings::service;
use crate::state::AppState;

/// Write the record (minutes, decisions, lecturer) before it is signed.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = RecordRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[put("/meetings/{id}/record")]
pub async fn write_record(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<RecordRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::record(conn, &actor, id, &body)).await?))
}

/// The secretary signs the record off: it is locked; corrections become amendments.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = SignRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/sign")]
pub async fn sign_record(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<SignRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let (id, version) = (id.into_inner(), body.version);
    Ok(web::Json(state.db.write(move |conn| service::sign(conn, &actor, id, version)).await?))
}

/// Correct a signed record; the change is kept as an audited amendment.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = AmendRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/amendments")]
pub async fn amend_record(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<AmendRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::amend(conn, &actor, id, &body)).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    pub file_name: String,
}

/// Attach a photo or document (JPG, PNG, PDF, DOCX, XLSX; at most 10 MB) before sign-off.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path), UploadQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentView), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    query: web::Query<UploadQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    use crate::files::{FileStore, upload};
    let (id, name) = (id.into_inner(), crate::meetings::attachments::valid_name(&query.file_name)?);
    // Role and scope first: nobody may make the server receive a body they could not attach.
    let checker = actor.clone();
    state.db.read(move |conn| crate::meetings::attachments::may_attach(conn, &checker, id)).await?;
    let store = FileStore::new(&state.config, state.db.clone());
    let blob = upload::receive(body, crate::meetings::attachments::MAX_ATTACHMENT_BYTES, &store).await?;
    let saver = store.clone();
    let (view, blob) = state
        .db
        .write(move |conn| {
            let view = crate::meetings::attachments::attach(conn, &actor, &saver, id, &name, &blob)?;
            Ok((view, blob))
        })
        .await?;
    web::block(move || store.promote(blob)).await.map_err(ApiError::internal)??;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = Vec<AttachmentView>), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/attachments")]
pub async fn list_attachments(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<AttachmentView>>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| crate::meetings::attachments::list(conn, &actor, id)).await?))
}

#[utoipa::path(tag = "meetings", params(("id" = i64, Path), ("attachment_id" = i64, Path)), responses((status = 200, description = "the file"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/attachments/{attachment_id}")]
pub async fn download_attachment(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, aid) = path.into_inner();
    let (name, content_type, sha) =
        state.db.read(move |conn| crate::meetings::attachments::find(conn, &actor, id, aid)).await?;
    let store = crate::files::FileStore::new(&state.config, state.db.clone());
    let bytes = web::block(move || store.read(&sha)).await.map_err(ApiError::internal)??;
    Ok(crate::files::download::file(bytes, &content_type, &name))
}

/// 民主评议: the member's own self-assessment.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = SelfAssessmentRequest, responses((status = 200, body = RatingReport), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/self-assessment")]
pub async fn self_assessment(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<SelfAssessmentRequest>,
) -> Result<web::Json<RatingReport>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| crate::meetings::ratings::self_assess(conn, &actor, id, &body)).await?))
}

/// 民主评议: peer assessment counts and the committee's rating of one member.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = RatingRequest, responses((status = 200, body = RatingReport), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/ratings")]
pub async fn rate_member(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<RatingRequest>,
) -> Result<web::Json<RatingReport>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| crate::meetings::ratings::rate(conn, &actor, id, &body)).await?))
}

/// 民主评议 results with counts per rating.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = RatingReport), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/ratings")]
pub async fn rating_report(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<RatingReport>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| crate::meetings::ratings::report(conn, &actor, id)).await?))
}
