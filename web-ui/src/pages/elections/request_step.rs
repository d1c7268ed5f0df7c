//! Steps 2 and 4, the 请示 to the 党委 above (the election itself, then the 候选人预备人选): the
//! requests drafted for the case with their stage, 起草请示 (the request page, with the template
//! and this case filled in), 批复已收到，继续 once a request has been approved, and ending the
//! case (asked first, with the reason).

use serde::Serialize;
use shared::api::requests::RequestStage;
use shared::api::workflow::InstanceStatus;
use yew::prelude::*;

use super::case::CaseProps;
use super::confirm::Confirm;
use super::problem;
use crate::components::load::use_submit;
use crate::i18n::election_case::case_of;
use crate::pages::requests::stage_pill;
use crate::router::{Link, query_string};
use crate::routes::Route;
use crate::state::use_texts;

/// `/requests/new?template=&for_instance_id=`.
#[derive(Serialize)]
struct Draft<'a> {
    template: &'a str,
    for_instance_id: i64,
}

#[component]
pub(super) fn RequestStep(props: &CaseProps) -> Html {
    let texts = use_texts();
    let t = case_of(texts);
    let d = &props.detail;
    let e = &d.election;
    let ending = use_state(|| false);
    let reason = use_mut_ref(String::new);
    let run = {
        let (id, version, reason) = (e.id, e.version, reason.clone());
        move || {
            let reason = reason.borrow().clone();
            async move {
                let (decision, comment) =
                    if reason.is_empty() { (None, None) } else { (Some("reject"), Some(reason.as_str())) };
                crate::api::elections::act(id, version, decision, comment).await
            }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let template = d.request_template.clone();
    let mine: Vec<_> = d.requests.iter().filter(|r| template.as_deref().is_none_or(|c| r.template_code == c)).collect();
    let approved = mine.iter().any(|r| r.stage == RequestStage::Approved);
    // A new draft while none is under way (none yet, or the last one was not agreed to).
    let may_draft = e.can_act && !approved && mine.iter().all(|r| r.stage == RequestStage::Rejected);
    let go_on = {
        let (reason, submit) = (reason.clone(), submit.clone());
        Callback::from(move |_: MouseEvent| {
            reason.borrow_mut().clear();
            submit.emit(());
        })
    };
    let end = {
        let (reason, submit) = (reason.clone(), submit.clone());
        Callback::from(move |text: String| {
            *reason.borrow_mut() = text;
            submit.emit(());
        })
    };
    let explain = if e.step == 4 { t.request_candidates } else { t.request_election };
    html! {
        <section class="card" id="request-step" data-step={e.step.to_string()}>
            <h2>{ (t.step_heading)(e.step, &e.step_name) }</h2>
            <p class="muted">{ (explain)(&e.upper_org_name) }</p>
            if !mine.is_empty() {
                <ul class="list" id="election-requests">{ for mine.iter().map(|r| html! {
                    <li data-request={r.id.to_string()}>
                        <Link to={Route::Request { id: r.id }} classes="list-link">
                            <span class="list-row"><span class="list-title">{ r.title.clone() }</span>{ stage_pill(r.stage) }</span>
                        </Link>
                    </li>
                }) }</ul>
            }
            if !e.can_act && e.status == InstanceStatus::Waiting {
                <p class="notice" id="request-waiting">{ t.request_pending }</p>
            } else if !e.can_act {
                <p class="notice">{ (t.waiting_org)(&e.org_name) }</p>
            }
            { problem(&error, "request-step-error", t.conflict) }
            if *ending {
                <Confirm id="end-confirm" question={t.end_question} reason={Some(AttrValue::Static(t.end_reason))} confirm={t.end_confirm}
                    busy={*busy} on_confirm={end} on_cancel={let s = ending.clone(); move |_| s.set(false)} />
            }
            if e.can_act {
                <div class="form-actions">
                    if !*ending {
                        <button class="button secondary" type="button" id="election-end" onclick={let s = ending.clone(); move |_| s.set(true)}>{ t.end }</button>
                    }
                    if may_draft {
                        if let Some(code) = &template {
                            <Link to={Route::RequestNew} query={Some(query_string(&Draft { template: code, for_instance_id: e.instance_id }))}
                                classes="button primary"><span id="draft-request">{ t.draft_request }</span></Link>
                        }
                    }
                    if approved {
                        <button class="button primary" type="button" id="request-continue" disabled={*busy} onclick={go_on}>
                            { if *busy { texts.loading } else { t.reply_received } }
                        </button>
                    }
                </div>
            }
        </section>
    }
}
