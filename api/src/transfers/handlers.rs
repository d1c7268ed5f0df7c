//! `/api/v1/transfers`: list (queues), start, register an incoming letter, one case, act on a
//! step, the letter PDF; and the public check behind a letter's QR code.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::api::Page;
use shared::api::development::StepRequest;
use shared::api::transfers::{
    BatchStep, IncomingLetter, LetterCheck, StartBatch, StartTransfer, TransferDetail, TransferQuery, TransferView,
};
use shared::error::ErrorBody;

use super::{letters, service, views};
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::state::AppState;

/// Cases within reach (both sides see a case), newest first; `queue` gives the desk queues
/// 待我审批, 待接收, 回执未回. A member sees their own.
#[utoipa::path(tag = "transfers", params(TransferQuery, shared::api::PageQuery), responses((status = 200, body = Page<TransferView>), (status = 400, body = ErrorBody)), security(("bearer" = [])))]
#[get("/transfers")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<TransferQuery>,
) -> Result<web::Json<Page<TransferView>>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let (today, rules) = (state.clock.today(), state.config.transfer_rules.clone());
    let rows = state
        .db
        .read(move |conn| views::list(conn, &actor, &rules, today, &query, keyset.after, keyset.fetch()))
        .await?;
    Ok(web::Json(keyset.page(rows, |r| r.id)))
}

/// A member starts their transfer (within the institution, out of it, or away as 流动党员), or
/// their branch starts it for them. 422 `rule_violation` explains a rule that blocks it.
#[utoipa::path(tag = "transfers", request_body = StartTransfer, responses((status = 201, body = TransferDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/transfers")]
pub async fn start(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<StartTransfer>,
) -> Result<HttpResponse, ApiError> {
    let (today, rules) = (state.clock.today(), state.config.transfer_rules.clone());
    let created = state.db.write(move |conn| service::start(conn, &actor, &rules, today, &input)).await?;
    Ok(HttpResponse::Created().json(created))
}

/// The receiving branch registers an incoming 介绍信; the person joins the roll at acceptance.
#[utoipa::path(tag = "transfers", request_body = IncomingLetter, responses((status = 201, body = TransferDetail), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/transfers/incoming")]
pub async fn register_incoming(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<IncomingLetter>,
) -> Result<HttpResponse, ApiError> {
    let (today, rules) = (state.clock.today(), state.config.transfer_rules.clone());
    let created =
        state.db.write(move |conn| super::incoming::register_incoming(conn, &actor, &rules, today, &input)).await?;
    Ok(HttpResponse::Created().json(created))
}

/// One case with its letters, timeline, history and the form of the current step.
#[utoipa::path(tag = "transfers", params(("id" = i64, Path)), responses((status = 200, body = TransferDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/transfers/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<TransferDetail>, ApiError> {
    let (today, rules, id) = (state.clock.today(), state.config.transfer_rules.clone(), id.into_inner());
    Ok(web::Json(state.db.read(move |conn| views::detail(conn, &actor, &rules, today, id)).await?))
}

/// Do the current step (agree, approve, issue the letter, accept, record the 回执 …), or
/// `reject` it with a comment. 409 when someone else acted first.
#[utoipa::path(tag = "transfers", params(("id" = i64, Path), ("step" = i32, Path)), request_body = StepRequest, responses((status = 200, body = TransferDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/transfers/{id}/steps/{step}")]
pub async fn act(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, i32)>,
    body: web::Json<StepRequest>,
) -> Result<web::Json<TransferDetail>, ApiError> {
    let (today, rules) = (state.clock.today(), state.config.transfer_rules.clone());
    let (id, step) = path.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::act(conn, &actor, &rules, today, id, step, &body)).await?))
}

/// The case's current letter as a PDF (介绍信 一式三联, or 证明信 / 活动证), with a QR code
/// that verifies it. 409 for a 涉密 case (handled offline) or before a letter is issued.
#[utoipa::path(tag = "transfers", params(("id" = i64, Path)), responses((status = 200, description = "PDF"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[get("/transfers/{id}/letter.pdf")]
pub async fn letter_pdf(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let printable = state.db.read(move |conn| letters::printable(conn, &actor, id)).await?;
    let url = format!("{}/verify/{}", state.public_base(&req), printable.letter.token);
    let today = state.clock.today();
    let number = printable.letter.letter_no.clone();
    let bytes = web::block(move || letters::pdf(&printable, &url, today)).await.map_err(ApiError::internal)??;
    Ok(crate::files::download::file(
        bytes,
        crate::files::Kind::Pdf.media_type(),
        &format!("组织关系介绍信-{number}.pdf"),
    ))
}

/// What anyone who scans a letter's QR code may see: its number, issuer, dates and whether it
/// is in force (no names).
#[utoipa::path(tag = "transfers", params(("token" = String, Path)), responses((status = 200, body = LetterCheck), (status = 404, body = ErrorBody)))]
#[get("/public/letters/{token}")]
pub async fn check(state: web::Data<AppState>, token: web::Path<String>) -> Result<web::Json<LetterCheck>, ApiError> {
    let today = state.clock.today();
    let token = token.into_inner();
    Ok(web::Json(state.db.read(move |conn| letters::check(conn, &token, today)).await?))
}

/// The page a letter's QR code opens (outside `/api`, no script).
#[get("/verify/{token}")]
pub async fn check_page(state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    let today = state.clock.today();
    let token = token.into_inner();
    let found = state.db.read(move |conn| letters::check(conn, &token, today)).await.ok();
    let status = if found.is_some() { actix_web::http::StatusCode::OK } else { actix_web::http::StatusCode::NOT_FOUND };
    HttpResponse::build(status).content_type("text/html; charset=utf-8").body(letters::check_page(found.as_ref()))
}

/// 整建制转接: every current member of a branch or party group, within or out of the
/// institution, as one batch (one letter and a list).
#[utoipa::path(tag = "transfers", request_body = StartBatch, responses((status = 201, body = Vec<TransferView>), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/transfers/batches")]
pub async fn start_batch(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<StartBatch>,
) -> Result<HttpResponse, ApiError> {
    let (today, rules) = (state.clock.today(), state.config.transfer_rules.clone());
    let created = state.db.write(move |conn| super::batch::start(conn, &actor, &rules, today, &input)).await?;
    Ok(HttpResponse::Created().json(created))
}

/// The same step for every open case of a batch at that step: all or none.
#[utoipa::path(tag = "transfers", params(("batch" = i64, Path), ("step" = i32, Path)), request_body = BatchStep, responses((status = 200, body = Vec<TransferView>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/transfers/batches/{batch}/steps/{step}")]
pub async fn act_batch(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, i32)>,
    body: web::Json<BatchStep>,
) -> Result<web::Json<Vec<TransferView>>, ApiError> {
    let (today, rules) = (state.clock.today(), state.config.transfer_rules.clone());
    let (batch, step) = path.into_inner();
    Ok(web::Json(state.db.write(move |conn| super::batch::act(conn, &actor, &rules, today, batch, step, &body)).await?))
}

/// Branches anywhere in the institution that can take a member, by name: whom a member or a
/// branch may name as the receiving side (needs `request_transfer` or `run_transfers`).
#[utoipa::path(tag = "transfers", params(crate::orgs::handlers::SearchQuery), responses((status = 200, body = Vec<shared::api::orgs::OrgSearchHit>), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/transfers/branches")]
pub async fn branches(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<crate::orgs::handlers::SearchQuery>,
) -> Result<web::Json<Vec<shared::api::orgs::OrgSearchHit>>, ApiError> {
    use shared::permissions::{Action, may};
    if !may(actor.role.kind, Action::RequestTransfer) && !may(actor.role.kind, Action::RunTransfers) {
        return Err(ApiError::forbidden("当前角色无权办理组织关系转接"));
    }
    let limit = query.limit.unwrap_or(20).clamp(1, 100);
    let text = query.into_inner().q;
    let hits = state
        .db
        .read(move |conn| {
            let rows = crate::orgs::repo::search_branches(conn, text.trim(), limit)?;
            crate::orgs::service::hits(conn, &rows)
        })
        .await?;
    Ok(web::Json(hits))
}
