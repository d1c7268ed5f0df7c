//! `/elections`: for a branch secretary, the branch's committee and its term (with 发起换届,
//! 发起增补 and 申请成立党支部) above the branch's elections; for a 党委 or the 政工部门, two tabs:
//! 换届提醒 (each org's term across the subtree, filtered by its state, each row opening the
//! org's committee) and 选举 (the elections within reach, running ones first by default).

use serde::{Deserialize, Serialize};
use shared::RoleKind;
use shared::api::elections::TermState;
use yew::prelude::*;

use super::committee::CommitteeCard;
use super::{status_pill, term_pill, title_of};
use crate::api::elections::{Election, TermRow};
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::i18n::elections::{ListTexts, list_of};
use crate::router::{Link, query_string, use_location};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

pub(super) fn view() -> Html {
    html! { <ElectionsPage /> }
}

/// `?tab=terms|elections&state=expiring|overdue|running|unset&all=1`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct DeskUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tab: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    /// Finished elections too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    all: Option<String>,
}

const ELECTIONS: &str = "elections";

#[component]
fn ElectionsPage() -> Html {
    let t = list_of(use_texts());
    let session = use_session();
    let Some(role) = session.me.as_ref().map(|m| m.active_role.clone()) else { return Html::default() };
    let url = use_location().query::<DeskUrl>().unwrap_or_default();
    if role.kind == RoleKind::Branch {
        return html! {
            <div class="page elections branch">
                <h1 class="page-title">{ t.title }</h1>
                <CommitteeCard org={role.org_id.0} compact=true />
                <section class="card">
                    <h2>{ t.branch_elections }</h2>
                    <Elections url={url} />
                </section>
            </div>
        };
    }
    let tab = url.tab.clone().unwrap_or_else(|| "terms".into());
    let tab_link = |code: &'static str, label: &'static str| {
        let query = query_string(&DeskUrl { tab: Some(code.to_string()), ..Default::default() });
        html! {
            <Link to={Route::Elections} query={Some(query)} classes={classes!("tab", (tab == code).then_some("active"))}>{ label }</Link>
        }
    };
    html! {
        <div class="page elections upper">
            <h1 class="page-title">{ t.title }</h1>
            <section class="card">
                <nav class="tabs" id="election-tabs" aria-label={t.title}>
                    { tab_link("terms", t.tab_terms) }
                    { tab_link(ELECTIONS, t.tab_elections) }
                </nav>
                if tab == ELECTIONS {
                    <Elections url={url} />
                } else {
                    <Terms url={url} />
                }
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct UrlProps {
    url: DeskUrl,
}

/// A row of filter chips that keep the tab and change one value of the address.
fn chip(url: &DeskUrl, label: &'static str, active: bool, change: impl Fn(&mut DeskUrl)) -> Html {
    let mut next = url.clone();
    change(&mut next);
    let query = query_string(&next);
    html! { <Link to={Route::Elections} query={Some(query)} classes={classes!("chip", active.then_some("active"))}>{ label }</Link> }
}

/// The elections within reach, newest first: the running ones, or all.
#[component]
fn Elections(props: &UrlProps) -> Html {
    let t = list_of(use_texts());
    let url = &props.url;
    let all = url.all.is_some();
    let paged = use_paged(all, |all, cursor| crate::api::elections::list(!all, cursor));
    let s = &*paged.state;
    let tab = Some(ELECTIONS.to_string());
    html! {
        <>
            <div class="toolbar" id="election-filter">
                { chip(url, t.open_only, !all, |u| { u.tab = tab.clone(); u.all = None; }) }
                { chip(url, t.all_elections, all, |u| { u.tab = tab.clone(); u.all = Some("1".into()); }) }
            </div>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={if all { t.no_elections } else { t.no_open }} />
            } else if !s.items.is_empty() {
                <ul class="list" id="election-list">{ for s.items.iter().map(|e| election_row(t, e)) }</ul>
            }
            <LoadMore<Election> paged={paged.clone()} />
        </>
    }
}

pub(super) fn election_row(t: &ListTexts, e: &Election) -> Html {
    html! {
        <li key={e.id} data-election={e.id.to_string()} data-step={e.step.to_string()}>
            <Link to={Route::Election { id: e.id }} classes="list-link">
                <span class="list-row">
                    <span class="list-title">{ title_of(e) }</span>
                    { status_pill(e) }
                </span>
                <span class="list-sub">{ (t.planned)(&e.planned_on, e.seats) }</span>
                <span class="list-meta">{ (t.started)(&e.started_on) }
                    if let Some(label) = &e.schedule_label { { " · " }{ label.clone() } }
                </span>
            </Link>
        </li>
    }
}

/// Each org's committee term across the subtree, by state.
#[component]
fn Terms(props: &UrlProps) -> Html {
    let t = list_of(use_texts());
    let url = &props.url;
    let state = url.state.clone().and_then(|s| TermState::from_code(&s));
    let paged =
        use_paged(state, |state, cursor| crate::api::elections::terms(state.map(|s| s.code().to_string()), cursor));
    let s = &*paged.state;
    let state_chip = |value: Option<TermState>, label: &'static str| {
        chip(url, label, state == value, move |u| {
            u.tab = None;
            u.state = value.map(|v| v.code().to_string());
        })
    };
    html! {
        <>
            <div class="toolbar" id="term-filter">
                { state_chip(None, t.all_terms) }
                { for [TermState::Expiring, TermState::Overdue, TermState::Running, TermState::Unset].into_iter().map(|v| state_chip(Some(v), v.label())) }
            </div>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={t.no_terms} />
            } else if !s.items.is_empty() {
                <ul class="list" id="term-list">{ for s.items.iter().map(|r| term_row(t, r)) }</ul>
            }
            <LoadMore<TermRow> paged={paged.clone()} />
        </>
    }
}

fn term_row(t: &ListTexts, r: &TermRow) -> Html {
    let ends = r.term_ends_on.clone().map(|d| (t.term_ends)(&d)).unwrap_or_else(|| t.no_term.to_string());
    html! {
        <li key={r.org_id} data-org={r.org_id.to_string()} data-term={r.term_state.code()}>
            <Link to={Route::OrgCommittee { id: r.org_id }} classes="list-link">
                <span class="list-row">
                    <span class="list-title">{ r.org_name.clone() }</span>
                    { term_pill(r.term_state) }
                </span>
                <span class="list-sub">{ ends }{ " · " }{ (t.secretary)(r.secretary.as_deref()) }</span>
                if r.open_election.is_some() { <span class="list-meta">{ t.election_running }</span> }
            </Link>
        </li>
    }
}
