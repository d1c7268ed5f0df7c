//! 党费台账 for the branch: one month of its members (paid, unpaid, 3+ months behind, by
//! name), the month's totals, a table on desktop and cards on phones, page by page, each member
//! opening their dues; the yearly statement as XLSX or PDF; the way to 减免审批 and to the base
//! declaration import.

use serde::{Deserialize, Serialize};
use shared::RoleKind;
use shared::api::dues::{LedgerQuery, LedgerRow, Totals};
use shared::api::{Page, PageQuery};
use shared::permissions::{self, Action};
use shared::rules::dues::Fen;
use web_sys::{HtmlInputElement, SubmitEvent};
use yew::prelude::*;

use super::text;
use crate::components::fields::TextField;
use crate::components::load::use_load;
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::{Empty, render};
use crate::i18n::dues::{FeatureTexts, of};
use crate::router::{Link, query_string, use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The filters, kept in the address (a reload or a shared link shows the same list).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct LedgerUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
}

impl LedgerUrl {
    fn org(&self) -> Option<i64> {
        self.org_id.as_deref().and_then(|o| o.parse().ok())
    }

    fn to_api(&self, limit: i64, cursor: Option<String>) -> LedgerQuery {
        LedgerQuery {
            org_id: self.org(),
            month: self.month.clone(),
            status: self.status.clone(),
            q: self.q.clone(),
            page: PageQuery::after(limit, cursor),
        }
    }
}

/// `paid`, `excused` (unpaid with a reason) or `unpaid`.
fn row_status(r: &LedgerRow) -> &'static str {
    let fen = |s: &str| Fen::parse(s).map_or(0, |f| f.0);
    if fen(&r.paid) >= fen(&r.payable) {
        "paid"
    } else if r.arrears_reason.is_some() {
        "excused"
    } else {
        "unpaid"
    }
}

pub(crate) fn totals_bar(t: &FeatureTexts, totals: &Totals, unpaid_label: &str) -> Html {
    let stat = |value: String, label: &str, id: &'static str| {
        html! { <div class="stat"><span class="stat-value" {id}>{ value }</span><span class="stat-label">{ label.to_string() }</span></div> }
    };
    html! {
        <div class="stats" id="dues-totals">
            { stat((t.yuan)(&totals.payable), t.payable, "total-payable") }
            { stat((t.yuan)(&totals.paid), t.paid_amount, "total-paid") }
            { stat(totals.rate.clone(), t.rate, "total-rate") }
            { stat(totals.unpaid_entries.to_string(), unpaid_label, "total-unpaid") }
        </div>
    }
}

#[component]
pub fn LedgerPage() -> Html {
    let t = of(use_texts());
    let session = use_session();
    let navigator = use_navigator();
    let query = use_location().query::<LedgerUrl>().unwrap_or_default();
    let search = use_state(|| query.q.clone().unwrap_or_default());
    {
        let search = search.clone();
        use_effect_with(query.q.clone(), move |q| {
            search.set(q.clone().unwrap_or_default());
            || ()
        });
    }
    // The month's totals and org (they do not depend on the status or the name).
    let (head, retry) = use_load((query.org(), query.month.clone()), |(org, month)| async move {
        let url = LedgerUrl { org_id: org.map(|o| o.to_string()), month, ..LedgerUrl::default() };
        crate::api::dues::ledger(&url.to_api(1, None)).await
    });
    let paged = use_paged(query.clone(), |q, cursor| async move {
        crate::api::dues::ledger(&q.to_api(50, cursor)).await.map(|r| Page::new(r.items, r.next_cursor))
    });
    let go = {
        let (navigator, query) = (navigator.clone(), query.clone());
        move |change: &dyn Fn(&mut LedgerUrl)| {
            let mut next = query.clone();
            change(&mut next);
            navigator.push_with_query(&Route::DuesLedger, &next);
        }
    };
    let on_month = {
        let go = go.clone();
        Callback::from(move |e: Event| {
            let month = e.target_unchecked_into::<HtmlInputElement>().value();
            go(&|q: &mut LedgerUrl| q.month = text(&month));
        })
    };
    let on_search = {
        let (go, search) = (go.clone(), search.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = (*search).clone();
            go(&|q: &mut LedgerUrl| q.q = text(&name));
        })
    };
    let chip = |code: &'static str, label: &'static str| {
        let go = go.clone();
        let active = query.status.as_deref().unwrap_or_default() == code;
        html! {
            <button class={classes!("chip", active.then_some("active"))} aria-pressed={active.to_string()} data-status={code}
                onclick={move |_| go(&|q: &mut LedgerUrl| q.status = text(code))}>{ label }</button>
        }
    };
    let kind = session.me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    let mine = session.me.as_ref().is_some_and(|m| m.person_id.is_some()) && permissions::may(kind, Action::PayDues);
    let manage = permissions::manages(kind, Action::ManageDues);
    let s = &*paged.state;
    html! {
        <div class="page dues-ledger">
            <div class="card-head">
                <h1 class="page-title">{ t.ledger }</h1>
                <div class="toolbar">
                    if kind != RoleKind::Branch && permissions::manages(kind, Action::ViewDues) {
                        <Link to={Route::DuesCollection} classes="button secondary">{ t.collection }</Link>
                    }
                    if manage {
                        <Link to={Route::DuesReductions} classes="button secondary">{ t.reductions }</Link>
                        <Link to={Route::DuesImports} query={query.org_id.as_ref().map(|o| query_string(&LedgerUrl { org_id: Some(o.clone()), ..LedgerUrl::default() }))} classes="button secondary">{ t.imports }</Link>
                    }
                    if mine { <Link to={Route::DuesMine} classes="button secondary">{ t.my_dues }</Link> }
                </div>
            </div>
            { render(&head, &retry, |r| {
                let year: i32 = r.month.get(..4).and_then(|y| y.parse().ok()).unwrap_or_default();
                let statement = |format: &str| crate::api::dues::statement_href(r.org_id.0, year, format);
                html! {
                    <section class="card" id="ledger-head">
                        <p class="muted">{ format!("{} · {}", r.org_name, (t.month_label)(&r.month)) }</p>
                        { totals_bar(t, &r.totals, t.unpaid_people) }
                        <div class="toolbar">
                            <span class="muted">{ format!("{} {year}：", t.statement) }</span>
                            <a class="button secondary" id="statement-xlsx" href={statement("xlsx")} download="">{ "Excel" }</a>
                            <a class="button secondary" id="statement-pdf" href={statement("pdf")} target="_blank" rel="noopener">{ "PDF" }</a>
                        </div>
                    </section>
                }
            }) }
            <section class="card filters">
                <div class="toolbar">
                    <div class="field">
                        <label for="ledger-month">{ t.month }</label>
                        <input id="ledger-month" type="month" value={query.month.clone().unwrap_or_else(super::this_month)} onchange={on_month} />
                    </div>
                    { chip("", t.all) }
                    { chip("paid", t.paid) }
                    { chip("unpaid", t.unpaid) }
                    { chip("arrears", t.arrears_filter) }
                </div>
                <form class="filter-main" role="search" onsubmit={on_search}>
                    <TextField label={t.name} name="q" value={(*search).clone()} oninput={let s = search.clone(); Callback::from(move |v| s.set(v))} />
                    <button class="button primary" type="submit" id="ledger-search">{ t.search }</button>
                </form>
            </section>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={t.no_rows} />
            } else if !s.items.is_empty() {
                { table(t, &s.items) }
                { cards(t, &s.items) }
            }
            <LoadMore<LedgerRow> paged={paged.clone()} />
        </div>
    }
}

fn table(t: &FeatureTexts, items: &[LedgerRow]) -> Html {
    html! {
        <table class="table wide-only" id="ledger-table">
            <thead><tr>
                <th>{ t.name }</th><th>{ t.org }</th><th>{ t.category }</th><th>{ t.base }</th><th>{ t.payable }</th>
                <th>{ t.paid_amount }</th><th>{ t.paid_on }</th><th>{ t.behind }</th><th>{ t.reason }</th>
            </tr></thead>
            <tbody>{ for items.iter().map(|r| html! {
                <tr data-person={r.person_id.0.to_string()}>
                    <td><Link to={Route::DuesMember { id: r.person_id.0 }}>{ r.name.clone() }</Link>{ " " }{ super::status_pill(t, row_status(r)) }</td>
                    <td>{ r.org_name.clone() }</td>
                    <td>{ r.category_label.clone().unwrap_or_default() }</td>
                    <td>{ r.base.clone().unwrap_or_default() }</td>
                    <td>{ r.payable.clone() }</td>
                    <td>{ r.paid.clone() }</td>
                    <td>{ r.paid_on.map(|d| d.to_string()).unwrap_or_default() }</td>
                    <td class={classes!((r.arrears_months >= 3).then_some("overdue-text"))}>{ r.arrears_months }</td>
                    <td>{ r.arrears_reason.clone().unwrap_or_default() }</td>
                </tr>
            }) }</tbody>
        </table>
    }
}

fn cards(t: &FeatureTexts, items: &[LedgerRow]) -> Html {
    html! {
        <ul class="list cards phone-only" id="ledger-cards">{ for items.iter().map(|r| html! {
            <li data-person={r.person_id.0.to_string()}><Link to={Route::DuesMember { id: r.person_id.0 }} classes="list-link">
                <span class="list-title">{ r.name.clone() }{ " " }{ super::status_pill(t, row_status(r)) }</span>
                <span class="list-sub">{ format!("{} · {} {} · {} {}", r.org_name, t.payable, r.payable, t.paid_amount, r.paid) }</span>
                if r.arrears_months > 0 {
                    <span class={classes!("list-meta", (r.arrears_months >= 3).then_some("overdue-text"))}>{ format!("{} {}", t.behind, r.arrears_months) }</span>
                }
            </Link></li>
        }) }</ul>
    }
}

/// The query of the ledger of `org` (in `month`, when given), for a `<Link>`.
pub(crate) fn ledger_query(org: i64, month: Option<String>) -> String {
    query_string(&LedgerUrl { org_id: Some(org.to_string()), month, ..LedgerUrl::default() })
}
