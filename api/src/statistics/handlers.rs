//! `/api/v1/dashboard` and `/api/v1/reports/statistics`: the dashboard, the statistics set as
//! JSON, XLSX or PDF, the consistency check, and the kept sets made by background jobs.

use actix_web::{HttpResponse, get, post, web};
use shared::api::statistics::{
    ConsistencyReport, CreateStatisticsExport, Dashboard, DashboardQuery, ExportListQuery, ReportFormat,
    StatisticsExport, StatisticsQuery, StatisticsReport,
};
use shared::api::{Page, PageQuery};
use shared::error::ErrorBody;

use super::dashboard::{self as board, Settings};
use super::{check, exports, report};
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::files::{FileStore, Kind};
use crate::state::AppState;

fn settings(state: &AppState) -> Settings {
    Settings { statistics: state.config.statistics_rules.clone(), meetings: state.config.meeting_rules.clone() }
}

/// The dashboard of the active role's org, or of an org within its reach: 队伍结构 and 业务状态
/// panels, each figure with the list it drills into.
#[utoipa::path(tag = "statistics", params(DashboardQuery), responses((status = 200, body = Dashboard), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dashboard")]
pub async fn dashboard(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<DashboardQuery>,
) -> Result<web::Json<Dashboard>, ApiError> {
    let (settings, today) = (settings(&state), state.clock.today());
    let org_id = query.org_id.map(|o| o.0);
    let org = state.db.read(move |conn| board::scope(conn, &actor, org_id)).await?;
    let half = |range: std::ops::Range<usize>| {
        let (settings, org) = (settings.clone(), org.clone());
        state.db.read(move |conn| board::panels(conn, &settings, &org, today, range))
    };
    let [first, second] = board::HALVES;
    let (first, second) = futures_util::future::join(half(first), half(second)).await;
    Ok(web::Json(board::assemble(org, today, vec![first?, second?])))
}

/// The statistics set of an org's subtree as of a date (default today): JSON, or with
/// `format=xlsx|pdf` the workbook or the PDF.
#[utoipa::path(tag = "statistics", params(StatisticsQuery), responses((status = 200, description = "StatisticsReport as JSON; the XLSX or PDF file with format=xlsx|pdf"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[get("/reports/statistics")]
pub async fn statistics(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<StatisticsQuery>,
) -> Result<HttpResponse, ApiError> {
    let (rules, today) = (state.config.statistics_rules.clone(), state.clock.today());
    let on = query.as_of.unwrap_or(today);
    exports::check_date(on, today)?;
    let org_id = query.org_id.map(|o| o.0);
    let report: StatisticsReport = state
        .db
        .read(move |conn| {
            let org = board::scope(conn, &actor, org_id)?;
            report::build(conn, &rules, &org, on, &mut |_| Ok(()))
        })
        .await?;
    let name = format!("党内统计报表-{}-{}", report.org_name, report.as_of);
    match query.format.unwrap_or_default() {
        ReportFormat::Json => Ok(HttpResponse::Ok().json(report)),
        ReportFormat::Xlsx => {
            let bytes = web::block(move || report::xlsx::workbook(&report)).await.map_err(ApiError::internal)??;
            Ok(crate::files::download::file(bytes, Kind::Xlsx.media_type(), &format!("{name}.xlsx")))
        }
        ReportFormat::Pdf => {
            let bytes = web::block(move || report::pdf::document(&report)).await.map_err(ApiError::internal)??;
            Ok(crate::files::download::file(bytes, Kind::Pdf.media_type(), &format!("{name}.pdf")))
        }
    }
}

/// The consistency check of an org's subtree (problems with links), run before export.
#[utoipa::path(tag = "statistics", params(StatisticsQuery), responses((status = 200, body = ConsistencyReport), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[get("/reports/statistics/check")]
pub async fn consistency(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<StatisticsQuery>,
) -> Result<web::Json<ConsistencyReport>, ApiError> {
    let today = state.clock.today();
    let on = query.as_of.unwrap_or(today);
    exports::check_date(on, today)?;
    let org_id = query.org_id.map(|o| o.0);
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let org = board::scope(conn, &actor, org_id)?;
                check::check(conn, &org, on)
            })
            .await?,
    ))
}

/// Makes the set (XLSX and PDF) in the background; poll the returned set for progress.
#[utoipa::path(tag = "statistics", request_body = CreateStatisticsExport, responses((status = 202, body = StatisticsExport), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)), security(("bearer" = [])))]
#[post("/reports/statistics/exports")]
pub async fn create_export(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<CreateStatisticsExport>,
) -> Result<HttpResponse, ApiError> {
    let (capacity, today) = (state.config.workers.job_queue_capacity, state.clock.today());
    let who = actor.clone();
    let id = state.db.write(move |conn| exports::create(conn, &who, capacity, today, &body)).await?;
    state.wake_jobs();
    let row = state.db.read(move |conn| exports::get(conn, &actor, id)).await?;
    Ok(HttpResponse::Accepted().json(exports::view(row)))
}

/// Kept sets within reach, newest first.
#[utoipa::path(tag = "statistics", params(ExportListQuery, PageQuery), responses((status = 200, body = Page<StatisticsExport>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/reports/statistics/exports")]
pub async fn list_exports(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ExportListQuery>,
) -> Result<web::Json<Page<StatisticsExport>>, ApiError> {
    let keyset = Keyset::of(&query.page)?;
    let rows = state.db.read(move |conn| exports::list(conn, &actor, keyset.after, keyset.fetch())).await?;
    Ok(web::Json(keyset.page(rows, |r| r.id).map(exports::view)))
}

/// One kept set, with its job's progress.
#[utoipa::path(tag = "statistics", params(("id" = i64, Path)), responses((status = 200, body = StatisticsExport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/reports/statistics/exports/{id}")]
pub async fn export(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<StatisticsExport>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(exports::view(state.db.read(move |conn| exports::get(conn, &actor, id)).await?)))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileQuery {
    /// `xlsx` or `pdf`.
    pub format: ReportFormat,
}

/// The file of a finished set (409 while it is being made).
#[utoipa::path(tag = "statistics", params(("id" = i64, Path), FileQuery), responses((status = 200, description = "XLSX or PDF"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[get("/reports/statistics/exports/{id}/file")]
pub async fn export_file(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    query: web::Query<FileQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = (id.into_inner(), query.format);
    let store = FileStore::new(&state.config, state.db.clone());
    let (bytes, row, kind) = state
        .db
        .read(move |conn| {
            let row = exports::get(conn, &actor, id)?;
            let (file, kind) = match format {
                ReportFormat::Xlsx => (row.xlsx_file_id, Kind::Xlsx),
                ReportFormat::Pdf => (row.pdf_file_id, Kind::Pdf),
                ReportFormat::Json => return Err(ApiError::field("format", "invalid", "请选择 xlsx 或 pdf")),
            };
            let file = file.ok_or_else(|| ApiError::invalid_state("报表尚未生成完成"))?;
            let file = crate::files::repo::get(conn, file)?;
            Ok((store.read_in(conn, &file.sha256)?, row, kind))
        })
        .await?;
    let ext = if kind == Kind::Xlsx { "xlsx" } else { "pdf" };
    Ok(crate::files::download::file(
        bytes,
        kind.media_type(),
        &format!("党内统计报表-{}-{}.{ext}", row.org_name, row.as_of),
    ))
}
