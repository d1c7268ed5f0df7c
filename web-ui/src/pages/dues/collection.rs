//! 党费收缴情况 for 党委 and 政工部门: an org's collection this month, quarter or year, each org
//! directly below it with its rate; an org with orgs below opens the same report for it, a
//! branch opens its ledger; back up to the parent; the way to 减免审批.

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use shared::api::dues::{CollectionQuery, CollectionReport, CollectionRow};
use yew::prelude::*;

use super::ledger::{ledger_query, totals_bar};
use crate::components::load::use_load;
use crate::components::states::{Empty, render};
use crate::i18n::dues::{FeatureTexts, of};
use crate::router::{Link, query_string, use_location};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct CollectionUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<String>,
}

/// Where a child row leads: the same report one level down, or a branch's ledger.
fn child_link(row: &CollectionRow, period: &str) -> (Route, String) {
    if row.has_children {
        let query = CollectionUrl { org_id: Some(row.org_id.0.to_string()), period: Some(period.to_string()) };
        (Route::DuesCollection, query_string(&query))
    } else {
        (Route::DuesLedger, ledger_query(row.org_id.0, month_of(period)))
    }
}

/// The period if it is one month (`2026-11`).
fn month_of(period: &str) -> Option<String> {
    (period.len() == 7 && !period.contains('Q')).then(|| period.to_string())
}

#[component]
pub fn CollectionPage() -> Html {
    let t = of(use_texts());
    let session = use_session();
    let query = use_location().query::<CollectionUrl>().unwrap_or_default();
    let today = crate::pages::members::edit::today();
    let month = super::this_month();
    let period = query.period.clone().unwrap_or_else(|| month.clone());
    let org = query.org_id.as_deref().and_then(|o| o.parse::<i64>().ok());
    let (report, retry) = use_load((org, period.clone()), |(org_id, period)| async move {
        crate::api::dues::collection(&CollectionQuery { org_id, period: Some(period) }).await
    });
    let periods = [
        (t.this_month, month),
        (t.this_quarter, format!("{}-Q{}", today.year(), today.month0() / 3 + 1)),
        (t.this_year, today.year().to_string()),
    ];
    let home = session.me.as_ref().map(|m| m.active_role.org_id);
    let manage = session
        .me
        .as_ref()
        .is_some_and(|m| shared::permissions::manages(m.active_role.kind, shared::permissions::Action::ManageDues));
    html! {
        <div class="page dues-collection">
            <div class="card-head">
                <h1 class="page-title">{ t.collection }</h1>
                if manage {
                    <div class="toolbar">
                        <Link to={Route::DuesReductions} classes="button secondary">{ t.reductions }</Link>
                    </div>
                }
            </div>
            <div class="toolbar" id="collection-periods">
                { for periods.iter().map(|(label, value)| {
                    let active = *value == period;
                    let query = query_string(&CollectionUrl { org_id: query.org_id.clone(), period: Some(value.clone()) });
                    html! {
                        <Link to={Route::DuesCollection} query={Some(query)} classes={classes!("chip", active.then_some("active"))}>{ *label }</Link>
                    }
                }) }
            </div>
            { render(&report, &retry, |r| report_view(t, r, home != Some(r.org_id))) }
        </div>
    }
}

fn report_view(t: &FeatureTexts, r: &CollectionReport, below_home: bool) -> Html {
    let up = r.parent_id.filter(|_| below_home).map(|parent| {
        query_string(&CollectionUrl { org_id: Some(parent.0.to_string()), period: Some(r.period.clone()) })
    });
    html! {
        <>
            <section class="card" id="collection-head">
                <div class="card-head">
                    <h2 id="collection-org">{ format!("{} · {}", r.org_name, r.period_label) }</h2>
                    if let Some(query) = up {
                        <Link to={Route::DuesCollection} query={Some(query)} classes="button secondary" >{ "‹ " }{ t.up }</Link>
                    }
                </div>
                { totals_bar(t, &r.totals, t.unpaid_entries) }
                <p class="muted">
                    { format!("{} {}", t.voluntary_total, (t.yuan)(&r.voluntary)) }
                    if r.remit_central != "0.00" { { format!(" · {} {}", t.remit_central, (t.yuan)(&r.remit_central)) } }
                </p>
                <Link to={Route::DuesLedger} query={Some(ledger_query(r.org_id.0, month_of(&r.period)))} classes="more-link">{ t.open_ledger }</Link>
            </section>
            if r.children.is_empty() {
                <Empty text={t.no_children} />
            } else {
                <table class="table wide-only" id="collection-table">
                    <thead><tr>
                        <th>{ t.org }</th><th>{ t.payable }</th><th>{ t.paid_amount }</th><th>{ t.rate }</th><th>{ t.unpaid_entries }</th>
                    </tr></thead>
                    <tbody>{ for r.children.iter().map(|c| {
                        let (to, query) = child_link(c, &r.period);
                        html! {
                            <tr data-org={c.org_id.0.to_string()}>
                                <td><Link {to} query={Some(query)}>{ c.name.clone() }</Link></td>
                                <td>{ c.totals.payable.clone() }</td>
                                <td>{ c.totals.paid.clone() }</td>
                                <td>{ c.totals.rate.clone() }</td>
                                <td>{ c.totals.unpaid_entries }</td>
                            </tr>
                        }
                    }) }</tbody>
                </table>
                <ul class="list cards phone-only" id="collection-cards">{ for r.children.iter().map(|c| {
                    let (to, query) = child_link(c, &r.period);
                    html! {
                        <li data-org={c.org_id.0.to_string()}><Link {to} query={Some(query)} classes="list-link">
                            <span class="list-title">{ c.name.clone() }<span class="tag">{ c.totals.rate.clone() }</span></span>
                            <span class="list-sub">{ format!("{} {} · {} {} · {} {}", t.payable, c.totals.payable, t.paid_amount, c.totals.paid, t.unpaid_entries, c.totals.unpaid_entries) }</span>
                        </Link></li>
                    }
                }) }</ul>
            }
        </>
    }
}
