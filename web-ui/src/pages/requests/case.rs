//! `/requests/{id}`: one 请示 as its viewer may see it, phone first (approvers read on phones):
//! what and from whom, the stage, the content laid out like the document, the form of the
//! current step (for whoever may do it), the sealed documents with their PDFs and public check,
//! 一键归档 and the archive package, the timeline and the history.

use shared::api::requests::{DocumentKind, RequestDetail, RequestStage};
use shared::api::workflow::StepState;
use yew::prelude::*;

use super::case_act::{ArchiveBox, StepForm};
use super::paper::Paper;
use super::{cn_date, stage_pill};
use crate::components::load::{Load, use_load};
use crate::components::states::render;
use crate::i18n::request_case::{CaseTexts, case_of};
use crate::router::Link;
use crate::routes::Route;
use crate::state::use_texts;

/// The page of the `request` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::Request { id } => html! { <RequestPage id={*id} /> },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    id: i64,
}

#[component]
fn RequestPage(props: &PageProps) -> Html {
    let (loaded, retry) = use_load(props.id, crate::api::requests::detail);
    // A step's answer is the request as it now stands.
    let on_done = {
        let loaded = loaded.clone();
        Callback::from(move |d: RequestDetail| loaded.set(Load::Ready(d)))
    };
    html! {
        <div class="page request-case">
            { render(&loaded, &retry, |d| html! { <Case detail={d.clone()} on_done={on_done.clone()} on_refresh={retry.clone()} /> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CaseProps {
    detail: RequestDetail,
    on_done: Callback<RequestDetail>,
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
    let t = case_of(use_texts());
    let d = &props.detail;
    let request_doc = d.documents.iter().find(|x| x.kind == DocumentKind::Request);
    let doc_number = request_doc.map(|x| x.doc_number.clone());
    let step_name = d.step.and_then(|n| d.timeline.iter().find(|s| s.number == n)).map(|s| s.name.clone());
    let today = crate::pages::members::edit::today();
    let overdue = d.stage == RequestStage::Submitted && d.due_on.is_some_and(|due| due < today);
    let draft_open = d.stage == RequestStage::Draft;
    let may_act = d.can_act || (d.can_edit && draft_open);
    let date = request_doc.map(|x| shared::time::china_date(x.sealed_at)).unwrap_or(today);
    let contact = format!("（联系人：{}，电话：{}）", d.contact, d.contact_phone);
    // The form is keyed by the versions, so it starts afresh after each step.
    let form_key = format!("{:?}-{}-{:?}", d.step, d.version, d.instance_version);
    html! {
        <>
            <div class="toolbar">
                <Link to={Route::Requests} classes="link-button">{ t.back }</Link>
                if d.can_edit && draft_open {
                    <Link to={Route::RequestEdit { id: d.id }} classes="button secondary">{ t.edit }</Link>
                }
            </div>
            <section class="card" id="request-head" data-request={d.id.to_string()} data-stage={d.stage.code()} data-step={d.step.unwrap_or(1).to_string()}>
                <div class="list-row">
                    <h1 class="page-title" id="request-title">{ d.title.clone() }</h1>
                    { stage_pill(d.stage) }
                </div>
                if let (Some(n), Some(name), true) = (d.step, &step_name, d.status.is_some_and(|s| s.is_open())) {
                    <p class="muted" id="request-step">{ (t.step_now)(n, name) }</p>
                }
                <dl class="kv-list">
                    if let Some(n) = &doc_number { { kv(t.doc_number, n.clone()) } }
                    { kv(t.org, d.org.name.clone()) }
                    { kv(t.to_org, d.to_org.name.clone()) }
                    if !d.cc.is_empty() { { kv(t.cc, d.cc.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join("、")) } }
                    { kv(t.template, d.template.name.clone()) }
                    { kv(t.signer, d.signer_name.clone()) }
                    if let Some(due) = d.due_on {
                        <div class="kv"><dt>{ t.due_on }</dt><dd>{ due.to_string() }
                            if overdue { <span class="tag overdue">{ t.overdue }</span> }
                        </dd></div>
                    }
                </dl>
            </section>
            <section class="card" id="request-content">
                <h2>{ t.content }</h2>
                <Paper org={d.org.name.clone()} to_org={d.to_org.name.clone()} title={d.title.clone()} body={d.body.clone()}
                    doc_number={doc_number.map(AttrValue::from)} signer={Some(AttrValue::from(d.signer_name.clone()))}
                    attachments={d.attachments.clone()} date={cn_date(date)} contact={Some(AttrValue::from(contact))} label={t.content} />
            </section>
            if may_act {
                <StepForm key={form_key} detail={d.clone()} on_done={props.on_done.clone()} on_refresh={props.on_refresh.clone()} />
            }
            { documents(t, d) }
            if d.archive.is_some() || d.can_archive {
                <ArchiveBox detail={d.clone()} on_done={props.on_done.clone()} />
            }
            <section class="card">
                <h2>{ t.timeline }</h2>
                <ol class="timeline" id="request-timeline">{ for d.timeline.iter().map(|s| html! {
                    <li class={classes!("timeline-step", step_class(s.state))} data-step={s.number.to_string()}>
                        <span class="timeline-dot"></span>
                        <span class="timeline-name">{ format!("{}. {}", s.number, s.name) }</span>
                        if let Some(on) = s.done_on { <span class="list-sub">{ on.to_string() }</span> }
                    </li>
                }) }</ol>
            </section>
            if !d.history.is_empty() {
                <section class="card">
                    <h2>{ t.history }</h2>
                    <ul class="list" id="request-history">{ for d.history.iter().rev().map(|e| html! {
                        <li class="sync-row">
                            <span class="list-title">{ format!("{}. {}", e.step, e.step_name) }<span class="tag">{ e.action.label() }</span></span>
                            <span class="list-sub">{ format!("{} · {}{}", shared::time::fmt_china(e.at), e.actor_name.clone().unwrap_or_default(),
                                e.actor_role.map(|r| format!("（{}）", r.label())).unwrap_or_default()) }</span>
                            if let Some(c) = e.comment.as_ref().filter(|c| !c.is_empty()) { <span class="list-sub history-comment">{ c.clone() }</span> }
                        </li>
                    }) }</ul>
                </section>
            }
        </>
    }
}

/// The sealed 请示 and 批复: number, title, who sealed it and when, the PDF and the public check.
fn documents(t: &CaseTexts, d: &RequestDetail) -> Html {
    if d.documents.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card" id="request-documents">
            <h2>{ t.documents }</h2>
            <ul class="list">{ for d.documents.iter().map(|doc| {
                let pdf = if doc.kind == DocumentKind::Request { t.request_pdf } else { t.reply_pdf };
                html! {
                    <li class="sync-row document" data-kind={doc.kind.code()}>
                        <span class="list-title">{ doc.title.clone() }<span class="tag">{ doc.kind.label() }</span></span>
                        <span class="list-sub">{ format!("{} · {}", doc.doc_number, doc.issuer) }</span>
                        <span class="list-meta">{ (t.sealed)(&doc.sealed_by, &shared::time::fmt_china(doc.sealed_at)) }</span>
                        <span class="toolbar">
                            <a class="button primary" href={doc.pdf_url.clone()} target="_blank" rel="noopener">{ pdf }</a>
                            <a class="button secondary" href={doc.verify_url.clone()} target="_blank" rel="noopener">{ t.verify }</a>
                        </span>
                    </li>
                }
            }) }</ul>
        </section>
    }
}
