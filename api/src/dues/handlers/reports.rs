//! Collection reports: an org's collection in a period with each org below it (drill-down),
//! and the yearly 党费收缴 statement of a branch as XLSX or PDF.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use shared::api::dues::{CollectionQuery, CollectionReport, CollectionRow};
use shared::error::ErrorBody;
use shared::permissions::Action;
use shared::rules::dues::Fen;
use shared::rules::dues_payment::{add_months, fmt_month, month_of};
use shared::rules::meetings::Period;
use shared::{OrgId, OrgKind};

use crate::auth::Actor;
use crate::db::subtree_bounds;
use crate::dues::repo::reports;
use crate::dues::{statement, views};
use crate::error::ApiError;
use crate::state::AppState;

fn period_label(text: &str) -> String {
    match text.split_once('-') {
        None => format!("{text}年"),
        Some((y, q)) if q.starts_with('Q') => format!("{y}年第{}季度", &q[1..]),
        Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
    }
}

/// Payable, paid, rate and arrears of an org's subtree in a month, quarter or year, and of each
/// org directly below it.
#[utoipa::path(tag = "dues", params(CollectionQuery), responses((status = 200, body = CollectionReport), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/collection")]
pub async fn collection(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<CollectionQuery>,
) -> Result<web::Json<CollectionReport>, ApiError> {
    let query = query.into_inner();
    let text =
        query.period.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| fmt_month(month_of(state.clock.today())));
    let period =
        Period::parse(&text).ok_or_else(|| ApiError::bad_request("period", "期间格式应为 2026、2026-Q3 或 2026-11"))?;
    let report = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id.0))?;
            actor.require(Action::ViewDues, &org.path)?;
            collection_report(conn, org, &text, period)
        })
        .await?;
    Ok(web::Json(report))
}

/// The collection of `org`'s subtree in `period` (summed in the database per org, then rolled
/// up to the orgs directly below it).
pub fn collection_report(
    conn: &mut crate::db::DbConnection,
    org: crate::orgs::models::OrgRow,
    text: &str,
    period: Period,
) -> Result<CollectionReport, ApiError> {
    let (from, until) = (month_of(period.start), add_months(month_of(period.end), 1));
    let (lo, hi) = subtree_bounds(&org.path);
    let sums = reports::by_org(conn, (&lo, &hi), from, until)?;
    let (voluntary, remit) = reports::voluntary(conn, (&lo, &hi), from, until)?;
    let children = crate::orgs::repo::children(conn, org.id)?;
    let paths: std::collections::HashMap<i64, String> =
        crate::orgs::repo::subtree(conn, &org.path)?.into_iter().map(|o| (o.id, o.path)).collect();
    let grandchildren = crate::orgs::repo::with_children(conn, &children.iter().map(|c| c.id).collect::<Vec<_>>())?;
    let sum = |within: &dyn Fn(&str) -> bool| {
        let mut t = (0, 0, 0, 0, 0);
        for s in sums.iter().filter(|s| paths.get(&s.0).is_some_and(|p| within(p))) {
            t = (t.0 + s.1, t.1 + s.2, t.2 + s.3, t.3 + s.4, t.4 + s.5);
        }
        views::totals(t.0, t.1, t.2, t.3, t.4)
    };
    let rows = children
        .into_iter()
        .filter(|c| c.kind != OrgKind::PartyGroup.code())
        .map(|c| {
            let (lo, hi) = subtree_bounds(&c.path);
            CollectionRow {
                org_id: OrgId(c.id),
                has_children: grandchildren.contains(&c.id),
                name: c.name,
                totals: sum(&|p: &str| lo.as_str() <= p && p < hi.as_str()),
            }
        })
        .collect();
    Ok(CollectionReport {
        org_id: OrgId(org.id),
        org_name: org.name,
        parent_id: org.parent_id.map(OrgId),
        period_label: period_label(text),
        period: text.to_string(),
        totals: sum(&|_| true),
        children: rows,
        remit_central: Fen(remit).yuan(),
        voluntary: Fen(voluntary).yuan(),
    })
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct StatementQuery {
    /// A branch (default: the caller's org).
    pub org_id: Option<i64>,
    /// Default: this year.
    pub year: Option<i32>,
    /// xlsx (default) or pdf
    pub format: Option<String>,
}

/// 党费收缴情况表: a branch's year, member by member and month by month, as XLSX or PDF.
#[utoipa::path(tag = "dues", params(StatementQuery), responses((status = 200, description = "XLSX or PDF file"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/statement")]
pub async fn yearly_statement(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<StatementQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let today = state.clock.today();
    let year = query.year.unwrap_or(chrono::Datelike::year(&today));
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::bad_request("year", "年份无效"));
    }
    let pdf = match query.format.as_deref() {
        None | Some("xlsx") => false,
        Some("pdf") => true,
        Some(_) => return Err(ApiError::bad_request("format", "格式只能是 xlsx 或 pdf")),
    };
    let (org, rows) = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id.0))?;
            actor.require(Action::ViewDues, &org.path)?;
            let from = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            let rows = reports::statement_rows(conn, org.id, from, add_months(from, 12))?;
            Ok((org, rows))
        })
        .await?;
    let name = org.name.clone();
    let bytes = web::block(move || {
        let table = statement::Table::of(&rows);
        if pdf {
            statement::pdf(&name, year, &table, today).map_err(ApiError::internal)
        } else {
            statement::xlsx(&name, year, &table)
        }
    })
    .await
    .map_err(ApiError::internal)??;
    let kind = if pdf { crate::files::Kind::Pdf } else { crate::files::Kind::Xlsx };
    let file_name = format!("{}-{year}-党费收缴情况.{}", org.name, if pdf { "pdf" } else { "xlsx" });
    Ok(crate::files::download::file(bytes, kind.media_type(), &file_name))
}
