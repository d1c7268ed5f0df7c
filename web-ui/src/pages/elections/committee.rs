//! An org's committee: its term and state, who holds which post and how they came to it, what
//! the composition lacks, and what may be done: start a 换届, 增补 or the founding of a branch
//! (the org's own officials), appoint a 书记 or 副书记 (the 党委 above), a member leaving the post
//! (either). Shown as a card on the branch's elections desk, and in full at `/orgs/{id}/committee`
//! with the former members and the term history.

use shared::api::elections::ElectionKind;
use yew::prelude::*;

use super::committee_act::{AppointForm, LeaveBox};
use super::new::NewUrl;
use super::{kv, term_pill, violations};
use crate::api::committees::{Committee, Seat};
use crate::components::load::{Load, use_load};
use crate::components::states::render;
use crate::i18n::elections::{ListTexts, list_of};
use crate::router::{Link, query_string};
use crate::routes::Route;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct PageProps {
    pub id: i64,
}

/// `/orgs/{id}/committee`.
#[component]
pub(super) fn CommitteePage(props: &PageProps) -> Html {
    let t = list_of(use_texts());
    html! {
        <div class="page committee-page">
            <div class="toolbar">
                <Link to={Route::Elections} classes="link-button">{ t.back }</Link>
                <Link to={Route::Org { id: props.id }} classes="link-button">{ t.org_page }</Link>
            </div>
            <CommitteeCard org={props.id} compact=false />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct CardProps {
    pub org: i64,
    /// On the desk: the members and the actions only, with a link to the full page.
    pub compact: bool,
}

#[component]
pub(super) fn CommitteeCard(props: &CardProps) -> Html {
    let t = list_of(use_texts());
    let (loaded, retry) = use_load(props.org, crate::api::committees::committee);
    let on_change = {
        let loaded = loaded.clone();
        Callback::from(move |c: Committee| loaded.set(Load::Ready(c)))
    };
    let compact = props.compact;
    render(&loaded, &retry, |c| {
        html! {
            <>
                { card(t, c, compact, &on_change) }
                { violations(&c.violations, "committee-violations") }
                if !compact && c.may_appoint {
                    <AppointForm org={c.org_id} on_done={on_change.clone()} />
                }
                if !compact { { history(t, c) } }
            </>
        }
    })
}

fn card(t: &'static ListTexts, c: &Committee, compact: bool, on_change: &Callback<Committee>) -> Html {
    let may_leave = !compact && (c.may_elect || c.may_appoint);
    let ends = c.term_ends_on.clone().unwrap_or_else(|| t.no_term.to_string());
    let shape = if c.has_committee { t.has_committee } else { t.no_committee };
    let start = |kind: ElectionKind, label: &'static str, primary: bool| {
        let query = query_string(&NewUrl { kind: Some(kind.code().to_string()), org: Some(c.org_id) });
        html! {
            <Link to={Route::ElectionNew} query={Some(query)} classes={classes!("button", if primary { "primary" } else { "secondary" })}>
                <span id={format!("start-{}", kind.code())}>{ label }</span>
            </Link>
        }
    };
    html! {
        <section class="card" id="committee-card" data-org={c.org_id.to_string()} data-term={c.term_state.code()}>
            <div class="list-row">
                <h2 class="list-title" id="committee-org">{ (t.committee_of)(&c.org_name) }</h2>
                { term_pill(c.term_state) }
            </div>
            <dl class="kv-list">
                { kv(t.term_ends_on, ends) }
                if let Some(start) = &c.term_started_on { { kv(t.term_started_on, start.clone()) } }
                if let Some(years) = c.term_years { { kv(t.term_years, (t.years)(years)) } }
                { kv(t.roll, (t.roll_counts)(c.full_members, c.probationary_members)) }
                { kv(t.shape, shape.to_string()) }
                if c.vacancies > 0 { { kv(t.vacancies, (t.may_add)(c.vacancies)) } }
            </dl>
            <p class="muted">{ t.members }</p>
            if c.members.is_empty() {
                <p class="muted" id="committee-empty">{ t.no_members }</p>
            } else {
                <ul class="list" id="committee-members">{ for c.members.iter().map(|m| seat_row(t, c.org_id, m, !compact, may_leave, on_change)) }</ul>
            }
            <div class="toolbar">
                if let Some(id) = c.open_election {
                    <Link to={Route::Election { id }} classes="button primary"><span id="open-election">{ t.open_election }</span></Link>
                } else if c.may_elect {
                    { start(ElectionKind::Reelection, t.start_reelection, true) }
                    if c.vacancies > 0 { { start(ElectionKind::ByElection, t.start_by_election, false) } }
                    { start(ElectionKind::Founding, t.start_founding, false) }
                }
                if compact {
                    <Link to={Route::OrgCommittee { id: c.org_id }} classes="more-link">{ t.committee_page }</Link>
                }
            </div>
        </section>
    }
}

fn seat_row(t: &ListTexts, org: i64, m: &Seat, full: bool, may_leave: bool, on_change: &Callback<Committee>) -> Html {
    html! {
        <li class="sync-row" data-seat={m.id.to_string()} data-post={m.post.code()}>
            <span class="list-row">
                <span class="list-title">{ m.name.clone() }<span class="tag">{ m.post.label() }</span></span>
                if !m.has_account && full { <span class="list-meta">{ t.no_account }</span> }
            </span>
            if full {
                <span class="list-sub">{ (t.came_in)(m.came_in.label(), &m.since) }
                    if let Some(end) = &m.term_ends_on { { " · " }{ (t.until)(end) } }
                </span>
                if let (Some(on), Some(reason)) = (&m.left_on, &m.left_reason) {
                    <span class="list-meta">{ (t.left)(on, reason) }</span>
                }
                if may_leave && m.left_on.is_none() {
                    <LeaveBox {org} seat={m.id} name={m.name.clone()} on_done={on_change.clone()} />
                }
            }
        </li>
    }
}

/// The terms so far and those who left their posts during this one.
fn history(t: &ListTexts, c: &Committee) -> Html {
    html! {
        <>
            if !c.former.is_empty() {
                <section class="card" id="committee-former">
                    <h2>{ t.former }</h2>
                    <ul class="list">{ for c.former.iter().map(|m| seat_row(t, c.org_id, m, true, false, &Callback::noop())) }</ul>
                </section>
            }
            <section class="card" id="committee-terms">
                <h2>{ t.terms }</h2>
                if c.terms.is_empty() {
                    <p class="muted">{ t.no_terms_yet }</p>
                } else {
                    <ul class="list">{ for c.terms.iter().rev().map(|term| html! {
                        <li class="sync-row">
                            <span class="list-title">{ (t.term_span)(&term.started_on, &term.ends_on, term.years) }</span>
                            if let Some(ended) = &term.ended_on { <span class="list-sub">{ (t.ended_on)(ended) }</span> }
                            if let Some(id) = term.election_id {
                                <Link to={Route::Election { id }} classes="more-link">{ t.see_election }</Link>
                            }
                        </li>
                    }) }</ul>
                }
            </section>
        </>
    }
}
