//! Analysis alerts for 党委 and 政工部门: a card per rule with its open count (tap to filter),
//! the alerts with their detail, since when, and a link to the org or person.

use shared::api::Page;
use shared::api::alerts::{AlertQuery, AlertReport, AlertView};
use shared::rules::alerts::Severity;
use yew::prelude::*;

use crate::components::load::use_load;
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::{Empty, render};
use crate::i18n::notify::of;
use crate::state::use_texts;

pub fn view(route: &crate::routes::Route) -> Html {
    match route {
        crate::routes::Route::Alerts => html! { <AlertsPage /> },
        _ => Html::default(),
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Serious => "serious",
        Severity::Warning => "warning",
        Severity::Notice => "notice",
    }
}

async fn page(
    rule: Option<String>,
    resolved: bool,
    cursor: Option<String>,
) -> Result<Page<AlertView>, crate::api::ApiError> {
    let query = AlertQuery {
        rule,
        include_resolved: resolved.then_some(true),
        page: shared::api::PageQuery::after(50, cursor),
        ..AlertQuery::default()
    };
    crate::api::notify::alerts(&query).await.map(|r: AlertReport| Page::new(r.items, r.next_cursor))
}

#[component]
pub fn AlertsPage() -> Html {
    let t = of(use_texts());
    let rule = use_state(|| None::<String>);
    let resolved = use_state(|| false);
    let (report, retry) = use_load((), |_| async {
        let query = AlertQuery { page: shared::api::PageQuery::first(1), ..AlertQuery::default() };
        crate::api::notify::alerts(&query).await
    });
    let paged = use_paged(((*rule).clone(), *resolved), |(rule, resolved), cursor| page(rule, resolved, cursor));
    let pick = |code: Option<String>| {
        let rule = rule.clone();
        Callback::from(move |_| rule.set(code.clone()))
    };
    let navigator = crate::router::use_navigator();
    let follow = |href: String| {
        let navigator = navigator.clone();
        Callback::from(move |e: MouseEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.shift_key()) {
                e.prevent_default();
                navigator.push_href(&href);
            }
        })
    };
    let s = &*paged.state;
    html! {
        <div class="page alerts">
            <h1 class="page-title">{ t.alerts }</h1>
            { render(&report, &retry, |r| html! {
                <>
                    <p class="muted">{ match r.evaluated_on {
                        Some(day) => format!("{}{}", t.evaluated_on, day),
                        None => t.alerts_never.to_string(),
                    } }</p>
                    <div class="rule-grid" id="alert-rules">
                        <button class={classes!("rule-card", rule.is_none().then_some("active"))} onclick={pick(None)}>
                            <span class="count">{ r.rules.iter().map(|x| x.open).sum::<i64>() }</span>{ t.all_rules }
                        </button>
                        { for r.rules.iter().map(|x| {
                            let active = rule.as_deref() == Some(x.rule.as_str());
                            html! {
                                <button class={classes!("rule-card", severity_class(x.severity), active.then_some("active"), (!x.evaluated || x.open == 0).then_some("idle"))}
                                    title={format!("{}（{}）", x.advice, x.source)} disabled={!x.evaluated} onclick={pick(Some(x.rule.clone()))}>
                                    <span class="count">{ if x.evaluated { x.open.to_string() } else { "—".into() } }</span>
                                    { x.title.clone() }
                                    if !x.evaluated { <span class="list-meta">{ t.awaiting_dues }</span> }
                                </button>
                            }
                        }) }
                    </div>
                </>
            }) }
            <label class="check">
                <input type="checkbox" checked={*resolved} onchange={let resolved = resolved.clone(); move |_| resolved.set(!*resolved)} />
                { t.show_resolved }
            </label>
            <section class="card">
                if !s.loading && s.error.is_none() && s.items.is_empty() { <Empty text={t.no_alerts} /> }
                <ul class="list" id="alert-list">
                    { for s.items.iter().map(|a| html! {
                        <li>
                            <a class="list-link" href={a.link.clone()} onclick={follow(a.link.clone())}>
                                <span class="list-title">
                                    <span class={classes!("sev", severity_class(a.severity))}>{ a.severity.label() }</span>
                                    { a.title.clone() }
                                </span>
                                <span class="list-sub">
                                    { a.org_name.clone() }
                                    if let Some(name) = &a.person_name { { " · " }{ name.clone() } }
                                    { " · " }{ a.detail.clone() }
                                </span>
                                <span class="list-meta">
                                    { format!("{} {}", t.first_seen, a.first_seen_on) }
                                    if let Some(day) = a.resolved_on { { format!(" · {} {}", t.resolved_on, day) } }
                                </span>
                            </a>
                        </li>
                    }) }
                </ul>
                <LoadMore<AlertView> paged={paged.clone()} />
            </section>
        </div>
    }
}
