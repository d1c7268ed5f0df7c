//! `/api/v1/requests`: templates, compose info, preview, drafts, one request, act on a step,
//! its sealed PDFs, and one-click archiving.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::api::Page;
use shared::api::development::StepRequest;
use shared::api::requests::{
    ArchiveView, ComposeInfo, DraftInput, DraftPreview, ReplyPreview, RequestDetail, RequestQuery, RequestTemplate,
    RequestView, TemplateInput,
};
use shared::error::ErrorBody;

use super::sealing::Desk;
use super::{archive, repo, service, templates, views};
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::files::{FileStore, TempBlob};
use crate::state::AppState;

/// Runs `f` in a write transaction with a `Desk`, then moves the files it made into place.
pub async fn with_desk<T, F>(state: &AppState, base: String, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConnection, &Desk) -> Result<(T, Vec<TempBlob>), ApiError> + Send + 'static,
{
    let store = FileStore::new(&state.config, state.db.clone());
    let signer = crate::seals::signer_for(&state.config)?;
    let (today, rules) = (state.clock.today(), state.config.request_rules.clone());
    let inner = store.clone();
    let (value, temps) = state
        .db
        .write(move |conn| {
            let desk = Desk { today, rules: &rules, store: &inner, signer: signer.as_ref(), base_url: &base };
            f(conn, &desk)
        })
        .await?;
    for temp in temps {
        store.promote(temp)?;
    }
    state.wake_outbox();
    Ok(value)
}

async fn detail_of(state: &AppState, actor: Actor, base: String, id: i64) -> Result<RequestDetail, ApiError> {
    let rules = state.config.request_rules.clone();
    state.db.read(move |conn| views::detail(conn, &actor, &rules, &base, id)).await
}

/// Requests within reach, newest first; `queue` gives 待我办理 / 本级请示 / 收到的请示.
#[utoipa::path(tag = "requests", params(RequestQuery, shared::api::PageQuery), responses((status = 200, body = Page<RequestView>), (status = 400, body = ErrorBody)), security(("bearer" = [])))]
#[get("/requests")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<RequestQuery>,
) -> Result<web::Json<Page<RequestView>>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let today = state.clock.today();
    let rows =
        state.db.read(move |conn| views::list(conn, &actor, today, &query, keyset.after, keyset.fetch())).await?;
    Ok(web::Json(keyset.page(rows, |r| r.id)))
}

/// The active template versions.
#[utoipa::path(tag = "requests", responses((status = 200, body = Vec<RequestTemplate>)), security(("bearer" = [])))]
#[get("/requests/templates")]
pub async fn list_templates(
    state: web::Data<AppState>,
    _actor: Actor,
) -> Result<web::Json<Vec<RequestTemplate>>, ApiError> {
    Ok(web::Json(state.db.read(templates::active).await?))
}

/// A new version of a template (政工部门); requests keep the version they were drafted from.
#[utoipa::path(tag = "requests", request_body = TemplateInput, responses((status = 201, body = RequestTemplate), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/requests/templates")]
pub async fn save_template(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<TemplateInput>,
) -> Result<HttpResponse, ApiError> {
    let saved = state.db.write(move |conn| templates::save(conn, &actor, &input)).await?;
    Ok(HttpResponse::Created().json(saved))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ComposeQuery {
    /// The drafting org (default: the active role's org).
    #[serde(default, deserialize_with = "shared::api::page::from_text")]
    pub org_id: Option<i64>,
}

/// What a draft for the org needs: its 主送机关, the possible signers, the templates.
#[utoipa::path(tag = "requests", params(ComposeQuery), responses((status = 200, body = ComposeInfo), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[get("/requests/compose")]
pub async fn compose_info(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ComposeQuery>,
) -> Result<web::Json<ComposeInfo>, ApiError> {
    let org = query.org_id;
    Ok(web::Json(state.db.read(move |conn| views::compose_info(conn, &actor, org)).await?))
}

/// The title and body as they will be printed (nothing is saved).
#[utoipa::path(tag = "requests", request_body = DraftInput, responses((status = 200, body = DraftPreview), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/requests/preview")]
pub async fn preview(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<DraftInput>,
) -> Result<web::Json<DraftPreview>, ApiError> {
    let year = chrono::Datelike::year(&state.clock.today());
    Ok(web::Json(state.db.read(move |conn| service::preview(conn, &actor, &input, year)).await?))
}

/// A new draft of the caller's org.
#[utoipa::path(tag = "requests", request_body = DraftInput, responses((status = 201, body = RequestDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/requests")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    input: web::Json<DraftInput>,
) -> Result<HttpResponse, ApiError> {
    let year = chrono::Datelike::year(&state.clock.today());
    let who = actor.clone();
    let id = state.db.write(move |conn| service::create(conn, &who, &input, year)).await?;
    Ok(HttpResponse::Created().json(detail_of(&state, actor, state.public_base(&req), id).await?))
}

/// Saves a draft (or a returned request); 409 when someone saved first.
#[utoipa::path(tag = "requests", params(("id" = i64, Path)), request_body = DraftInput, responses((status = 200, body = RequestDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/requests/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<i64>,
    input: web::Json<DraftInput>,
) -> Result<web::Json<RequestDetail>, ApiError> {
    let (id, year, who) = (id.into_inner(), chrono::Datelike::year(&state.clock.today()), actor.clone());
    state.db.write(move |conn| service::update(conn, &who, id, &input, year)).await?;
    Ok(web::Json(detail_of(&state, actor, state.public_base(&req), id).await?))
}

/// One request with its timeline, history, sealed documents and what the caller may do.
#[utoipa::path(tag = "requests", params(("id" = i64, Path)), responses((status = 200, body = RequestDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/requests/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<web::Json<RequestDetail>, ApiError> {
    Ok(web::Json(detail_of(&state, actor, state.public_base(&req), id.into_inner()).await?))
}

/// Step 1 提交审核, 2 内部审核, 3 签发 (seals the 请示), 4 批复 (seals the reply): approve, or
/// `return` / `reject` with a comment. 409 when someone else acted first.
#[utoipa::path(tag = "requests", params(("id" = i64, Path), ("step" = i32, Path)), request_body = StepRequest, responses((status = 200, body = RequestDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/requests/{id}/steps/{step}")]
pub async fn act(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    path: web::Path<(i64, i32)>,
    body: web::Json<StepRequest>,
) -> Result<web::Json<RequestDetail>, ApiError> {
    let (id, step) = path.into_inner();
    let (base, who) = (state.public_base(&req), actor.clone());
    with_desk(&state, base.clone(), move |conn, desk| Ok(((), service::act(conn, desk, &who, id, step, &body)?)))
        .await?;
    Ok(web::Json(detail_of(&state, actor, base, id).await?))
}

/// The 批复 text the template gives, for the approver to start from.
#[utoipa::path(tag = "requests", params(("id" = i64, Path)), responses((status = 200, body = ReplyPreview), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/requests/{id}/reply-draft")]
pub async fn reply_draft(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<ReplyPreview>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let row = repo::get(conn, id)?;
                views::check_view(conn, &actor, &row)?;
                let body = super::sealing::reply_text(conn, &row, true, None, None)?;
                let org = crate::orgs::repo::get(conn, row.org_id)?;
                let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
                let mark = shared::rules::requests::issuer_mark(&to_org.name);
                Ok(ReplyPreview {
                    title: format!("{mark}关于同意{}的批复", super::sealing::matter(&row.title, &org)),
                    body,
                })
            })
            .await?,
    ))
}

/// The sealed 请示 (the same as `documents/request.pdf`).
#[utoipa::path(tag = "requests", params(("id" = i64, Path)), responses((status = 200, description = "PDF"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/requests/{id}/document.pdf")]
pub async fn request_document(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    sealed_pdf(state, actor, id.into_inner(), "request".into()).await
}

/// A sealed document: `request` (the 请示) or `reply` (the 批复).
#[utoipa::path(tag = "requests", params(("id" = i64, Path), ("kind" = String, Path)), responses((status = 200, description = "PDF"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/requests/{id}/documents/{kind}.pdf")]
pub async fn document(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, kind) = path.into_inner();
    sealed_pdf(state, actor, id, kind).await
}

async fn sealed_pdf(state: web::Data<AppState>, actor: Actor, id: i64, kind: String) -> Result<HttpResponse, ApiError> {
    let (sha, number) = state
        .db
        .read(move |conn| {
            let row = repo::get(conn, id)?;
            views::check_view(conn, &actor, &row)?;
            let doc = repo::records::documents(conn, id)?
                .into_iter()
                .find(|d| d.kind == kind)
                .ok_or_else(|| ApiError::not_found("公文"))?;
            Ok((crate::files::repo::get(conn, doc.file_id)?.sha256, doc.doc_number))
        })
        .await?;
    let store = FileStore::new(&state.config, state.db.clone());
    let bytes = web::block(move || store.read(&sha)).await.map_err(ApiError::internal)??;
    Ok(crate::files::download::file(bytes, crate::files::Kind::Pdf.media_type(), &format!("{number}.pdf")))
}

/// 一键归档: the decided request's documents, history and signatures as one package; the request
/// can no longer change.
#[utoipa::path(tag = "requests", params(("id" = i64, Path)), responses((status = 201, body = ArchiveView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/requests/{id}/archive")]
pub async fn archive_request(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = with_desk(&state, state.public_base(&req), move |conn, desk| {
        let (view, temp) = archive::archive(conn, desk, &actor, id)?;
        Ok((view, vec![temp]))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
