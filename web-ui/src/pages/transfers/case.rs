//! `/transfers/{id}`: one case as its viewer may see it: who and what, where from and to (and
//! the batch it belongs to, for a 整建制转接), the rules that warn about it, the form of the
//! current step (for whoever may do it), the timeline, the letters (介绍信 with its PDF, 证明信,
//! 活动证, a registered incoming letter) and the history.

use shared::api::transfers::{LetterView, TransferDetail, TransferKind};
use shared::api::workflow::StepState;
use yew::prelude::*;

use super::step::StepForm;
use super::{route_line, state_pill};
use crate::components::load::{Load, use_load};
use crate::components::states::render;
use crate::i18n::transfer_case::{CaseTexts, case_of};
use crate::router::Link;
use crate::routes::Route;
use crate::state::use_texts;

/// The page of the `transfer` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::Transfer { id } => html! { <TransferPage id={*id} /> },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    id: i64,
}

#[component]
fn TransferPage(props: &PageProps) -> Html {
    let (loaded, retry) = use_load(props.id, crate::api::transfers::detail);
    // A step's answer is the case as it now stands.
    let on_done = {
        let loaded = loaded.clone();
        Callback::from(move |d: TransferDetail| loaded.set(Load::Ready(d)))
    };
    html! {
        <div class="page transfer-case">
            { render(&loaded, &retry, |d| html! { <Case detail={d.clone()} on_done={on_done.clone()} on_refresh={retry.clone()} /> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CaseProps {
    detail: TransferDetail,
    on_done: Callback<TransferDetail>,
    on_refresh: Callback<()>,
}

fn kv(label: &'static str, value: String) -> Html {
    html! { <div class="kv"><dt>{ label }</dt><dd>{ value }</dd></div> }
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
    let texts = use_texts();
    let t = case_of(texts);
    let d = &props.detail;
    let v = &d.transfer;
    let record = |name: &str| d.record.get(name).and_then(|x| x.as_str()).map(str::to_string);
    let document = record("document").and_then(|c| shared::api::transfers::FlowDocument::from_code(&c));
    // The form is keyed by the version, so it starts afresh after each step.
    let form_key = format!("{}-{}", v.step, v.version);
    html! {
        <>
            <div class="toolbar"><Link to={Route::Transfers} classes="link-button">{ t.back }</Link></div>
            <section class="card" id="transfer-head" data-case={v.id.to_string()} data-step={v.step.to_string()} data-status={v.status.code()}>
                <div class="list-row">
                    <h1 class="page-title" id="transfer-person">{ v.person_name.clone() }<span class="tag">{ v.kind_label.clone() }</span>
                        if v.secret { <span class="tag">{ t.secret }</span> }
                    </h1>
                    { state_pill(v) }
                </div>
                <p class="muted" id="transfer-status">
                    { v.status.label() }
                    if v.status.is_open() { { " · " }{ (t.step_now)(v.step, &v.step_name) } }
                </p>
                <dl class="kv-list">
                    { kv(t.route, route_line(v)) }
                    { kv(t.reason, v.reason.clone()) }
                    if let Some(doc) = document { { kv(t.document, doc.label().to_string()) } }
                    if let (Some(from), Some(until)) = (record("away_from"), record("away_until")) {
                        { kv(t.away, (t.away_span)(&from, &until)) }
                    }
                    { kv(t.started_on, v.started_on.to_string()) }
                    if let Some(due) = v.due_on { { kv(t.due_on, due.to_string()) } }
                    if let Some(done) = v.finished_on { { kv(t.finished_on, done.to_string()) } }
                </dl>
                if let Some(batch) = v.batch_id {
                    <p class="batch-link" id="transfer-batch-link"><Link to={Route::TransferBatch { id: batch }} classes="more-link">{ t.batch_link }</Link></p>
                }
            </section>
            if !v.warnings.is_empty() {
                <section id="transfer-warnings">{ for v.warnings.iter().map(|w| html! {
                    <div class="notice warn" role="alert" data-rule={w.code.clone()}>
                        <strong>{ w.message.clone() }</strong><br />
                        <span class="rule-source">{ format!("{}（{}）", w.rule, w.source) }</span>
                    </div>
                }) }</section>
            }
            if v.can_act {
                <StepForm key={form_key} detail={d.clone()} on_done={props.on_done.clone()} on_refresh={props.on_refresh.clone()} />
            }
            <section class="card">
                <h2>{ t.timeline }</h2>
                <ol class="timeline" id="transfer-timeline">{ for d.timeline.iter().map(|s| html! {
                    <li class={classes!("timeline-step", step_class(s.state))} data-step={s.number.to_string()}>
                        <span class="timeline-dot"></span>
                        <span class="timeline-name">{ format!("{}. {}", s.number, s.name) }</span>
                        if let Some(on) = s.done_on { <span class="list-sub">{ on.to_string() }</span> }
                    </li>
                }) }</ol>
            </section>
            { letters(t, d) }
            <section class="card">
                <h2>{ t.history }</h2>
                <ul class="list" id="transfer-history">{ for d.history.iter().rev().map(|e| html! {
                    <li class="sync-row">
                        <span class="list-title">{ format!("{}. {}", e.step, e.step_name) }<span class="tag">{ e.action.label() }</span></span>
                        <span class="list-sub">{ format!("{} · {}{}", shared::time::fmt_china(e.at), e.actor_name.clone().unwrap_or_default(),
                            e.actor_role.map(|r| format!("（{}）", r.label())).unwrap_or_default()) }</span>
                        if let Some(c) = e.comment.as_ref().filter(|c| !c.is_empty()) { <span class="list-sub history-comment">{ c.clone() }</span> }
                    </li>
                }) }</ul>
            </section>
        </>
    }
}

/// The letters, newest first, with the PDF of the one in force (none for a 涉密 case, whose
/// letter is handled offline).
fn letters(t: &CaseTexts, d: &TransferDetail) -> Html {
    let v = &d.transfer;
    let issues_letters = v.kind != TransferKind::Within;
    if d.letters.is_empty() && !(v.secret && issues_letters) {
        return Html::default();
    }
    html! {
        <section class="card" id="transfer-letters">
            <div class="card-head">
                <h2>{ t.letters }</h2>
                if d.letter_pdf {
                    <a class="button secondary" id="letter-pdf" href={crate::api::transfers::letter_href(v.id)} target="_blank" rel="noopener">{ t.download }</a>
                }
            </div>
            if v.secret {
                <p class="notice" id="letter-offline">{ t.secret_offline }</p>
            }
            <ul class="list">{ for d.letters.iter().map(|l| letter(t, l)) }</ul>
        </section>
    }
}

fn letter(t: &CaseTexts, l: &LetterView) -> Html {
    html! {
        <li class="sync-row letter" data-letter={l.letter_no.clone()}>
            <span class="list-row">
                <span class="list-title">{ l.kind_label.clone() }</span>
                <span>
                    if l.void_reason.is_some() {
                        <span class="status-pill unpaid">{ t.void }</span>
                    } else if l.expired {
                        <span class="status-pill unpaid">{ t.expired }</span>
                    }
                </span>
            </span>
            <dl class="kv-list">
                { kv(t.letter_no, l.letter_no.clone()) }
                { kv(t.issuer, l.issuer.clone()) }
                { kv(t.addressee, l.addressee.clone()) }
                { kv(t.issued_on, l.issued_on.to_string()) }
                { kv(t.valid_until, format!("{}（{}）", l.valid_until, l.valid_until_upper)) }
                if let Some(paid) = &l.dues_paid_through { { kv(t.dues_paid_through, paid.clone()) } }
            </dl>
            if let Some(reason) = &l.void_reason { <span class="list-meta">{ (t.void_reason)(reason) }</span> }
            if let Some(path) = &l.verify_path {
                <a class="more-link" href={path.clone()} target="_blank" rel="noopener">{ t.verify }</a>
            }
        </li>
    }
}
