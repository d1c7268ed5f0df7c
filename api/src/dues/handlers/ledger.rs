//! The branch's monthly ledger (filters: month, paid or not, in arrears, name) and generating
//! a month on demand.

use actix_web::{get, post, web};
use shared::api::dues::{GenerateInput, GenerateResult, LedgerQuery, LedgerReport, LedgerRow};
use shared::error::ErrorBody;
use shared::permissions::Action;
use shared::rules::dues::Fen;
use shared::rules::dues_payment::{fmt_month, month_of, parse_month};
use shared::{OrgId, PersonId};

use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::db::subtree_bounds;
use crate::dues::repo::{bases, ledger_page, months, reports};
use crate::dues::views;
use crate::error::ApiError;
use crate::state::AppState;

/// One month's ledger in an org's subtree: totals and a page of members.
#[utoipa::path(tag = "dues", params(LedgerQuery, shared::api::PageQuery), responses((status = 200, body = LedgerReport), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/ledger")]
pub async fn ledger(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<LedgerQuery>,
) -> Result<web::Json<LedgerReport>, ApiError> {
    let query = query.into_inner();
    let current = month_of(state.clock.today());
    let month = match query.month.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => parse_month(m).ok_or_else(|| ApiError::bad_request("month", "月份格式应为 2026-11"))?,
        None => current,
    };
    let status = query.status.clone().filter(|s| !s.is_empty());
    if let Some(s) = status.as_deref().filter(|s| !["paid", "unpaid", "arrears"].contains(s)) {
        return Err(ApiError::bad_request("status", &format!("状态只能是 paid、unpaid 或 arrears：{s}")));
    }
    let keyset = Keyset::of(&query.page)?;
    let warn = state.config.dues_rules.arrears_warn_months as i64;
    let report = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id.0))?;
            actor.require(Action::ViewDues, &org.path)?;
            let (lo, hi) = subtree_bounds(&org.path);
            let next = shared::rules::dues_payment::add_months(month, 1);
            let sums = reports::by_org(conn, (&lo, &hi), month, next)?;
            let add = |f: fn(&reports::OrgSums) -> i64| sums.iter().map(f).sum::<i64>();
            let totals = views::totals(add(|s| s.1), add(|s| s.2), add(|s| s.3), add(|s| s.4), add(|s| s.5));
            let filter = ledger_page::Filter {
                bounds: (&lo, &hi),
                month,
                current,
                status: status.as_deref(),
                name: query.q.as_deref(),
                warn,
                after: keyset.after,
                limit: keyset.fetch(),
            };
            let rows = ledger_page::rows(conn, &filter)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.1).collect();
            let in_force = bases::in_force(conn, month, Some(&ids))?;
            let behind = months::arrears_counts(conn, &ids, current)?;
            Ok((org, totals, rows, in_force, behind))
        })
        .await?;
    let (org, totals, rows, in_force, behind) = report;
    let page = keyset.page(rows, |r| r.0);
    let items = page
        .items
        .into_iter()
        .map(|(_, person, name, org_id, org_name, payable, paid, paid_on, reduced, reason)| {
            let base = in_force.get(&person);
            LedgerRow {
                person_id: PersonId(person),
                name,
                org_id: OrgId(org_id),
                org_name,
                category_label: base.map(|b| views::category_label(&b.1)),
                base: base.map(|b| Fen(b.2).yuan()),
                payable: Fen(payable).yuan(),
                paid: Fen(paid).yuan(),
                paid_on,
                reduced,
                arrears_reason: reason,
                arrears_months: behind.get(&person).copied().unwrap_or(0),
            }
        })
        .collect();
    Ok(web::Json(LedgerReport {
        month: fmt_month(month),
        org_id: OrgId(org.id),
        org_name: org.name,
        totals,
        items,
        next_cursor: page.next_cursor,
    }))
}

/// Generates a month's ledger now for everyone liable (the schedule does this on the 1st);
/// members already in it are left as they are. 政工部门 only.
#[utoipa::path(tag = "dues", request_body = GenerateInput, responses((status = 200, body = GenerateResult), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/ledger/generate")]
pub async fn generate(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<GenerateInput>,
) -> Result<web::Json<GenerateResult>, ApiError> {
    if actor.require_action(Action::ManageDues)? != shared::permissions::Scope::Everything {
        return Err(ApiError::forbidden("只有政工部门可以生成全院台账"));
    }
    let month = parse_month(&input.month).ok_or_else(|| ApiError::field("month", "invalid", "月份格式应为 2026-11"))?;
    let current = month_of(state.clock.today());
    if month > current {
        return Err(ApiError::field("month", "in_future", "不能生成未来月份的台账"));
    }
    let added = state
        .db
        .write(move |conn| {
            let added = crate::dues::ledger::generate(conn, month, None)?;
            crate::audit::repo::record::<(), _>(
                conn,
                Some(&actor),
                "dues.ledger_generated",
                "dues_ledger",
                0,
                None,
                Some(&serde_json::json!({ "month": fmt_month(month), "added": added })),
            )?;
            Ok(added)
        })
        .await?;
    Ok(web::Json(GenerateResult { month: fmt_month(month), added: added as i64 }))
}
