//! `GET /alerts`: counts per rule and a page of alerts, within the active role's subtree.

use actix_web::{get, web};
use shared::api::alerts::{AlertQuery, AlertReport, AlertRuleCount, AlertView};
use shared::error::ErrorBody;
use shared::permissions::Action;
use shared::rules::alerts::{RULES, find};
use shared::{AlertId, OrgId, PersonId};

use super::repo as store;
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::db::subtree_bounds;
use crate::error::ApiError;
use crate::state::AppState;

/// Open alerts per rule and one page of alerts (newest first) in an org's subtree.
#[utoipa::path(tag = "alerts", params(AlertQuery, shared::api::PageQuery), responses((status = 200, body = AlertReport), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/alerts")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<AlertQuery>,
) -> Result<web::Json<AlertReport>, ApiError> {
    let query = query.into_inner();
    if let Some(rule) = query.rule.as_deref().filter(|r| find(r).is_none()) {
        return Err(ApiError::bad_request("rule", &format!("没有这条提醒规则：{rule}")));
    }
    let keyset = Keyset::of(&query.page)?;
    let report = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id.0))?;
            actor.require(Action::ViewAlerts, &org.path)?;
            let (lo, hi) = subtree_bounds(&org.path);
            let counts = store::open_counts(conn, (&lo, &hi))?;
            let rows = store::list(
                conn,
                (&lo, &hi),
                query.rule.as_deref(),
                query.include_resolved.unwrap_or(false),
                keyset.after,
                keyset.fetch(),
            )?;
            Ok((counts, rows, store::evaluated_on(conn)?))
        })
        .await?;
    let (counts, rows, evaluated_on) = report;
    let rules = RULES
        .iter()
        .map(|r| AlertRuleCount {
            rule: r.code.into(),
            title: r.title.into(),
            advice: r.advice.into(),
            source: r.source.into(),
            severity: r.severity,
            evaluated: !r.needs_dues,
            open: counts.iter().find(|(code, _)| code == r.code).map_or(0, |(_, n)| *n),
        })
        .collect();
    let page = keyset.page(rows, |r| r.0);
    let items = page.items.into_iter().map(view).collect();
    Ok(web::Json(AlertReport { rules, items, next_cursor: page.next_cursor, evaluated_on }))
}

fn view(row: store::AlertRow) -> AlertView {
    let (id, rule, org_id, org_name, person_id, person_name, detail, first_seen_on, last_seen_on, resolved_on) = row;
    let definition = find(&rule);
    let link = match person_id {
        Some(person) => format!("/members/{person}"),
        None => format!("/members?org_id={org_id}"),
    };
    AlertView {
        id: AlertId(id),
        title: definition.map_or_else(|| rule.clone(), |d| d.title.into()),
        severity: definition.map_or(shared::rules::alerts::Severity::Notice, |d| d.severity),
        rule,
        org_id: OrgId(org_id),
        org_name,
        person_id: person_id.map(PersonId),
        person_name,
        detail,
        first_seen_on,
        last_seen_on,
        resolved_on,
        link,
    }
}
