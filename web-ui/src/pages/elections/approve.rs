//! Step 7, for the 党委 above: 批准 puts the elected committee (and, at a 换届 or founding, its new
//! term) in place; 退回 sends the posts back to the branch (step 6); 不予批准 ends the case. Each
//! is asked first; 退回 and 不予批准 need the reason.

use yew::prelude::*;

use super::case::CaseProps;
use super::confirm::Confirm;
use super::problem;
use crate::components::load::use_submit;
use crate::i18n::election_case::case_of;
use crate::state::use_texts;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ask {
    Approve,
    Return,
    Reject,
}

#[component]
pub(super) fn Approve(props: &CaseProps) -> Html {
    let t = case_of(use_texts());
    let e = &props.detail.election;
    let asking = use_state(|| None::<Ask>);
    let chosen = use_mut_ref(|| (None::<&'static str>, String::new()));
    let run = {
        let (id, version, chosen) = (e.id, e.version, chosen.clone());
        move || {
            let (decision, comment) = chosen.borrow().clone();
            async move {
                let comment = (!comment.is_empty()).then_some(comment);
                crate::api::elections::act(id, version, decision, comment.as_deref()).await
            }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let confirm = {
        let (asking, chosen, submit) = (asking.clone(), chosen.clone(), submit.clone());
        Callback::from(move |reason: String| {
            let decision = match *asking {
                Some(Ask::Return) => Some("return"),
                Some(Ask::Reject) => Some("reject"),
                _ => None,
            };
            *chosen.borrow_mut() = (decision, reason);
            submit.emit(());
        })
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(None))
    };
    let open = |ask: Ask| {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(Some(ask)))
    };
    let (question, reason, label) = match *asking {
        Some(Ask::Return) => (t.return_question, Some(AttrValue::Static(t.return_reason)), t.return_confirm),
        Some(Ask::Reject) => (t.reject_question, Some(AttrValue::Static(t.reject_reason)), t.reject_confirm),
        _ => (t.approve_question, None, t.approve_confirm),
    };
    html! {
        <section class="card" id="approve-step" data-step="7">
            <h2>{ (t.step_heading)(e.step, &e.step_name) }</h2>
            <p class="muted">{ t.approve_hint }</p>
            { problem(&error, "approve-error", t.conflict) }
            if asking.is_some() {
                <Confirm id="approve-confirm" {question} {reason} confirm={label} busy={*busy} on_confirm={confirm} on_cancel={cancel} />
            } else {
                <div class="form-actions">
                    <button class="button secondary" type="button" id="election-reject" onclick={open(Ask::Reject)}>{ t.reject }</button>
                    <button class="button secondary" type="button" id="election-return" onclick={open(Ask::Return)}>{ t.return_ }</button>
                    <button class="button primary" type="button" id="election-approve" onclick={open(Ask::Approve)}>{ t.approve }</button>
                </div>
            }
        </section>
    }
}
