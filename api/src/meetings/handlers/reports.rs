//! HTTP handlers of reports: compliance, the branch ledger, attendance per member.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use shared::api::meetings::*;
use shared::error::ErrorBody;
use shared::permissions::Action;
use shared::rules::meetings::Period;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::meetings::{repo, service};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ComplianceQuery {
    pub org_id: Option<i64>,
    /// `2026`, `2026-Q3` or `2026-11`.
    pub period: String,
}

/// Which branches held the required meetings in a period, most behind first.
#[utoipa::path(tag = "meetings", params(ComplianceQuery), responses((status = 200, body = ComplianceReport), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/compliance")]
pub async fn compliance(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ComplianceQuery>,
) -> Result<web::Json<ComplianceReport>, ApiError> {
    let period = Period::parse(&query.period)
        .ok_or_else(|| ApiError::bad_request("period", "期间格式应为 2026、2026-Q3 或 2026-11"))?;
    let (org_id, today) = (query.org_id, state.clock.today());
    let rules = state.config.meeting_rules.clone();
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let org = org_id.unwrap_or(actor.role.org_id.0);
                service::compliance(conn, &actor, org, period, &rules, today)
            })
            .await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LedgerQuery {
    pub org_id: Option<i64>,
    /// Default: this year.
    pub year: Option<i32>,
    /// xlsx (default) or pdf
    pub format: Option<String>,
}

/// 支部工作台账: a branch's organisational life for a year, as XLSX or PDF.
#[utoipa::path(tag = "meetings", params(LedgerQuery), responses((status = 200, description = "XLSX or PDF file"), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/ledger")]
pub async fn branch_ledger(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<LedgerQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let today = state.clock.today();
    let year = query.year.unwrap_or(chrono::Datelike::year(&today));
    let (org, rows) = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id.0))?;
            actor.require(Action::ViewMeetingReports, &org.path)?;
            let rows = crate::meetings::ledger::rows(conn, &org, year)?;
            Ok((org, rows))
        })
        .await?;
    let pdf = query.format.as_deref() == Some("pdf");
    let name = org.name.clone();
    let bytes = web::block(move || {
        if pdf {
            crate::meetings::ledger::pdf(&name, year, &rows, today).map_err(ApiError::internal)
        } else {
            crate::meetings::ledger::xlsx(&name, year, &rows)
        }
    })
    .await
    .map_err(ApiError::internal)??;
    let kind = if pdf { crate::files::Kind::Pdf } else { crate::files::Kind::Xlsx };
    let file_name = format!("{}-{year}-支部工作台账.{}", org.name, if pdf { "pdf" } else { "xlsx" });
    Ok(crate::files::download::file(bytes, kind.media_type(), &file_name))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct MemberAttendanceQuery {
    /// The branch (default: the caller's org).
    pub org_id: Option<i64>,
    /// `2026`, `2026-Q3` or `2026-11`.
    pub period: String,
}

/// Attendance per member of a branch in a period, lowest rate first.
#[utoipa::path(tag = "meetings", params(MemberAttendanceQuery), responses((status = 200, body = Vec<MemberAttendanceRow>), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/member-attendance")]
pub async fn member_attendance(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<MemberAttendanceQuery>,
) -> Result<web::Json<Vec<MemberAttendanceRow>>, ApiError> {
    let period = Period::parse(&query.period)
        .ok_or_else(|| ApiError::bad_request("period", "期间格式应为 2026、2026-Q3 或 2026-11"))?;
    let org_id = query.org_id;
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let org = crate::orgs::repo::get(conn, org_id.unwrap_or(actor.role.org_id.0))?;
                actor.require(Action::ViewMeetingReports, &org.path)?;
                Ok(repo::member_attendance(conn, org.id, period.start, period.end)?
                    .into_iter()
                    .map(|t| MemberAttendanceRow {
                        person_id: shared::PersonId(t.person_id),
                        name: t.name,
                        expected: t.expected,
                        attended: t.attended,
                        on_leave: t.on_leave,
                    })
                    .collect())
            })
            .await?,
    ))
}
