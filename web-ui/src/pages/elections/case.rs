//! `/elections/{id}`: one election as its viewer may see it: what is elected and where it
//! stands (step, status, the 党员大会's day, the term and whether the election is on schedule),
//! the rules that warn about it, the form of the current step for whoever may do it, the rounds
//! counted so far, who was elected and their posts, the documents, the timeline and the history.

use shared::api::elections::ElectionKind;
use shared::api::workflow::StepState;
use yew::prelude::*;

use super::approve::Approve;
use super::case_parts::{documents, history, outcome, rounds};
use super::request_step::RequestStep;
use super::vote::Vote;
use super::{kv, status_pill, title_of, violations};
use crate::api::elections::Detail;
use crate::components::load::{Load, use_load};
use crate::components::states::render;
use crate::i18n::election_case::{CaseTexts, case_of};
use crate::router::Link;
use crate::routes::Route;
use crate::state::use_texts;

/// The page of the `election` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::Election { id } => html! { <ElectionPage id={*id} /> },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    id: i64,
}

#[component]
fn ElectionPage(props: &PageProps) -> Html {
    let (loaded, retry) = use_load(props.id, crate::api::elections::detail);
    // A step's answer is the case as it now stands.
    let on_done = {
        let loaded = loaded.clone();
        Callback::from(move |d: Detail| loaded.set(Load::Ready(d)))
    };
    html! {
        <div class="page election-case">
            { render(&loaded, &retry, |d| html! { <Case detail={d.clone()} on_done={on_done.clone()} on_refresh={retry.clone()} /> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct CaseProps {
    pub detail: Detail,
    pub on_done: Callback<Detail>,
    pub on_refresh: Callback<()>,
}

fn step_class(state: StepState) -> &'static str {
    match state {
        StepState::Done => "done",
        StepState::Current | StepState::Waiting => "current",
        StepState::Pending => "pending",
    }
}

#[component]
fn Case(props: &CaseProps) -> Html {
    let t = case_of(use_texts());
    let d = &props.detail;
    let e = &d.election;
    html! {
        <>
            <div class="toolbar">
                <Link to={Route::Elections} classes="link-button">{ t.back }</Link>
                <Link to={Route::OrgCommittee { id: e.org_id }} classes="link-button">{ t.committee }</Link>
            </div>
            <section class="card" id="election-head" data-election={e.id.to_string()} data-step={e.step.to_string()} data-status={e.status.code()}>
                <div class="list-row">
                    <h1 class="page-title" id="election-title">{ title_of(e) }</h1>
                    { status_pill(e) }
                </div>
                <p class="muted" id="election-step">
                    { e.status.label() }
                    if e.status.is_open() { { " · " }{ (t.step_now)(e.step, &e.step_name) } }
                </p>
                <dl class="kv-list">
                    if e.kind == ElectionKind::Founding { { kv(t.from_org, e.org_name.clone()) } }
                    { kv(t.upper, e.upper_org_name.clone()) }
                    { kv(t.planned_on, e.planned_on.clone()) }
                    { kv(t.seats, (t.seats_n)(e.seats)) }
                    { kv(t.roll, (t.roll_n)(d.roll.entitled, d.roll.probationary)) }
                    if let Some(end) = &e.term_ends_on { { kv(t.term_ends_on, end.clone()) } }
                    if let Some(label) = &e.schedule_label { { kv(t.schedule, label.clone()) } }
                    { kv(t.started_on, e.started_on.clone()) }
                    { kv(t.reason, d.reason.clone()) }
                </dl>
            </section>
            { violations(&d.warnings, "election-warnings") }
            { step_form(t, props) }
            { rounds(t, d) }
            { outcome(t, d) }
            { documents(t, d) }
            <section class="card">
                <h2>{ t.timeline }</h2>
                <ol class="timeline" id="election-timeline">{ for d.timeline.iter().map(|s| html! {
                    <li class={classes!("timeline-step", step_class(s.state))} data-step={s.number.to_string()}>
                        <span class="timeline-dot"></span>
                        <span class="timeline-name">{ format!("{}. {}", s.number, s.name) }</span>
                        if let Some(on) = s.done_on { <span class="list-sub">{ on.to_string() }</span> }
                    </li>
                }) }</ol>
            </section>
            { history(t, d) }
        </>
    }
}

/// The form of the current step, for whoever may do it; who acts otherwise.
fn step_form(t: &CaseTexts, props: &CaseProps) -> Html {
    let d = &props.detail;
    let e = &d.election;
    if !e.status.is_open() {
        return Html::default();
    }
    // Keyed by the version, so a form starts afresh after each step.
    let key = format!("{}-{}", e.step, e.version);
    let (detail, on_done, on_refresh) = (d.clone(), props.on_done.clone(), props.on_refresh.clone());
    match e.step {
        2 | 4 => html! { <RequestStep {key} {detail} {on_done} {on_refresh} /> },
        5 if e.can_act => html! { <Vote {key} detail={step_detail(d)} on_done={on_refresh} /> },
        3 | 6 if e.can_act => step_card(t, d),
        7 if e.can_act => html! { <Approve {key} {detail} {on_done} {on_refresh} /> },
        7 => html! { <p class="notice" id="election-waiting">{ (t.waiting_upper)(&e.upper_org_name) }</p> },
        _ => html! { <p class="notice" id="election-waiting">{ (t.waiting_org)(&e.org_name) }</p> },
    }
}

/// Steps 3 and 6 are done on a page of their own (`/elections/step/{id}`): what is to be done,
/// and the button there.
fn step_card(t: &CaseTexts, d: &Detail) -> Html {
    let e = &d.election;
    let (explain, open) = match e.step {
        3 => (t.step3_explain.to_string(), t.step3_open.to_string()),
        _ => (t.step6_explain.to_string(), t.step6_open.to_string()),
    };
    html! {
        <section class="card" id="step-card" data-step={e.step.to_string()}>
            <h2>{ (t.step_heading)(e.step, &e.step_name) }</h2>
            <p class="muted">{ explain }</p>
            <div class="form-actions">
                <Link to={Route::ElectionStep { id: e.id }} classes="button primary"><span id="step-open">{ open }</span></Link>
            </div>
        </section>
    }
}

/// What the count of step 5 reads (not the picker's roll and bounds of step 3).
fn step_detail(d: &Detail) -> crate::api::elections::StepDetail {
    crate::api::elections::StepDetail {
        election: d.election.clone(),
        roll: d.roll.clone(),
        candidates: d.candidates.clone(),
        next_round: d.next_round.clone(),
        elected: d.elected.clone(),
        posts: d.posts.clone(),
        roll_members: Vec::new(),
        min_seats: 0,
        max_seats: 0,
        min_candidates: 0,
    }
}
