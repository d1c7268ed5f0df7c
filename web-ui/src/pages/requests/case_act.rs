//! What can be done on a request's page: the form of its current step (1 提交审核, 2 审核通过
//! or 退回修改, 3 签发 or 退回修改, 4 同意并批复 with the 批复's text prefilled, 退回修改 or 不同意)
//! and 一键归档. 签发, 批复, 不同意 and 归档 ask for confirmation first; 退回 and 不同意 need a
//! comment. A step someone else did first says so and offers to refresh.

use serde_json::{Map, Value};
use shared::api::development::StepRequest;
use shared::api::requests::{ArchiveView, RequestDetail, RequestStage};
use shared::api::workflow::Decision;
use yew::prelude::*;

use crate::components::load::{Load, use_load, use_submit};
use crate::i18n::request_case::case_of;
use crate::pages::transfers::{field_error, problem};
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct StepFormProps {
    pub detail: RequestDetail,
    pub on_done: Callback<RequestDetail>,
    pub on_refresh: Callback<()>,
}

#[component]
pub(super) fn StepForm(props: &StepFormProps) -> Html {
    let texts = use_texts();
    let t = case_of(texts);
    let d = &props.detail;
    let step = if d.stage == RequestStage::Draft { 1 } else { d.step.unwrap_or(1) };
    let comment = use_state(String::new);
    let reason = use_state(String::new);
    let reason_missing = use_state(|| false);
    let reply = use_state(|| None::<String>);
    // Which box is open: the confirmation of 签发/批复, or 退回/不同意 with its reason.
    let asking = use_state(|| None::<Decision>);
    let decision = use_mut_ref(|| None::<Decision>);
    let (drafted, _) = use_load((d.id, step == 4), |(id, reply_step)| async move {
        if reply_step { crate::api::requests::reply_draft(id).await.map(Some) } else { Ok(None) }
    });
    {
        let reply = reply.clone();
        use_effect_with((*drafted).clone(), move |drafted| {
            if let (Load::Ready(Some(r)), None) = (drafted, &*reply) {
                reply.set(Some(r.body.clone()));
            }
            || ()
        });
    }
    let run = {
        let (id, version) = (d.id, d.instance_version.unwrap_or(d.version));
        let (comment, reason, reply, decision) = (comment.clone(), reason.clone(), reply.clone(), decision.clone());
        move || {
            let chosen = *decision.borrow();
            let mut data = Map::new();
            let text = match chosen {
                Some(Decision::Return | Decision::Reject) => (*reason).clone(),
                _ => {
                    if step == 4
                        && let Some(r) = reply.as_ref().filter(|r| !r.trim().is_empty())
                    {
                        data.insert("reply_body".into(), Value::String(r.clone()));
                    }
                    (*comment).clone()
                }
            };
            let body = StepRequest {
                version,
                data,
                decision: chosen,
                comment: Some(text.trim().to_string()).filter(|c| !c.is_empty()),
            };
            async move { crate::api::requests::act(id, step, &body).await }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let go = {
        let (submit, decision, reason, missing) =
            (submit.clone(), decision.clone(), reason.clone(), reason_missing.clone());
        Callback::from(move |chosen: Option<Decision>| {
            if chosen.is_some_and(|c| c != Decision::Approve) && reason.trim().is_empty() {
                missing.set(true);
                return;
            }
            *decision.borrow_mut() = chosen;
            submit.emit(());
        })
    };
    let open = |which: Decision| {
        let (asking, missing) = (asking.clone(), reason_missing.clone());
        move |_: MouseEvent| {
            missing.set(false);
            asking.set(Some(which));
        }
    };
    let approve_label = match step {
        1 => t.submit_review,
        2 => t.approve_review,
        3 => t.sign,
        _ => t.reply,
    };
    let conflict = error.as_ref().is_some_and(|e| e.status == 409);
    // A draft has no timeline yet: its step is the drafting.
    let step_name = d.timeline.iter().find(|s| s.number == step).map(|s| s.name.clone());
    let step_name = step_name.unwrap_or_else(|| RequestStage::Draft.label().to_string());
    let box_html = match *asking {
        None => Html::default(),
        Some(which) => {
            let (question, sure) = match which {
                Decision::Approve if step == 3 => (Some(t.confirm_sign), t.sure_sign),
                Decision::Approve => (Some(t.confirm_reply), t.sure_reply),
                Decision::Return => (None, t.confirm_return),
                Decision::Reject => (Some(t.confirm_reject), t.sure_reject),
            };
            let needs_reason = which != Decision::Approve;
            let label = if which == Decision::Reject { t.reject_reason } else { t.return_reason };
            let reason_error = (*reason_missing).then_some(t.need_comment);
            let confirm = {
                let go = go.clone();
                move |_: MouseEvent| go.emit((which != Decision::Approve).then_some(which))
            };
            html! {
                <div class="reject-box" role="dialog" aria-labelledby="decision-title" id="decision-dialog">
                    if let Some(q) = question { <p class="list-title" id="decision-title">{ q }</p> }
                    if needs_reason {
                        <div class={classes!("field", reason_error.is_some().then_some("invalid"))}>
                            <label for="decision-reason" id={question.is_none().then_some("decision-title")}>{ label }</label>
                            <textarea id="decision-reason" rows="3" maxlength="500" value={(*reason).clone()} aria-invalid={reason_error.is_some().to_string()}
                                oninput={let (r, m) = (reason.clone(), reason_missing.clone()); super::on_text(Callback::from(move |v| { m.set(false); r.set(v) }))} />
                            if let Some(e) = reason_error { <p class="field-error">{ e }</p> }
                        </div>
                    }
                    <div class="form-actions">
                        <button class="button secondary" type="button" onclick={let a = asking.clone(); move |_| a.set(None)}>{ texts.cancel }</button>
                        <button class="button primary" type="button" id="decision-confirm" disabled={*busy} onclick={confirm}>{ sure }</button>
                    </div>
                </div>
            }
        }
    };
    let reply_error = field_error(&error, "reply_body");
    html! {
        <section class="card form" id="step-form" data-step={step.to_string()}>
            <h2>{ (t.step_heading)(step, &step_name) }</h2>
            if step == 4 {
                <div class={classes!("field", reply_error.is_some().then_some("invalid"))}>
                    <label for="reply-body">{ t.reply_body }</label>
                    <textarea id="reply-body" rows="8" value={(*reply).clone().unwrap_or_default()} aria-describedby="reply-body-hint"
                        oninput={let r = reply.clone(); super::on_text(Callback::from(move |v| r.set(Some(v))))} />
                    <span class="list-sub" id="reply-body-hint">{ t.reply_hint }</span>
                    if let Some(e) = reply_error { <p class="field-error">{ e }</p> }
                </div>
            }
            if step > 1 {
                <crate::components::fields::TextField label={t.comment} name="step_comment" value={(*comment).clone()}
                    oninput={let c = comment.clone(); Callback::from(move |v| c.set(v))} />
            }
            if conflict {
                <div class="form-error" role="alert" id="step-conflict">
                    <span>{ t.conflict }</span>
                    <button class="link-button" type="button" onclick={let r = props.on_refresh.clone(); move |_| r.emit(())}>{ t.refresh }</button>
                </div>
            } else {
                { problem(&error, "step-error", t.conflict) }
            }
            { box_html }
            if asking.is_none() {
                <div class="form-actions">
                    if step == 4 { <button class="button secondary" type="button" id="step-reject" disabled={*busy} onclick={open(Decision::Reject)}>{ t.reject }</button> }
                    if step > 1 { <button class="button secondary" type="button" id="step-return" disabled={*busy} onclick={open(Decision::Return)}>{ t.return_back }</button> }
                    if step >= 3 {
                        <button class="button primary" type="button" id="step-submit" disabled={*busy} onclick={open(Decision::Approve)}>{ approve_label }</button>
                    } else {
                        <button class="button primary" type="button" id="step-submit" disabled={*busy}
                            onclick={let go = go.clone(); move |_| go.emit(None)}>{ if *busy { texts.loading } else { approve_label } }</button>
                    }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ArchiveProps {
    pub detail: RequestDetail,
    pub on_done: Callback<RequestDetail>,
}

/// 一键归档 (after a confirmation), or the archive package once there is one.
#[component]
pub(super) fn ArchiveBox(props: &ArchiveProps) -> Html {
    let texts = use_texts();
    let t = case_of(texts);
    let asking = use_state(|| false);
    let done = {
        let (detail, on_done) = (props.detail.clone(), props.on_done.clone());
        Callback::from(move |a: ArchiveView| {
            on_done.emit(RequestDetail {
                archive: Some(a),
                can_archive: false,
                can_edit: false,
                can_act: false,
                ..detail.clone()
            })
        })
    };
    let id = props.detail.id;
    let (submit, busy, error) = use_submit(move || crate::api::requests::archive(id), done);
    html! {
        <section class="card" id="request-archive">
            if let Some(a) = &props.detail.archive {
                <p class="notice ok" id="archive-done">{ (t.archived)(&shared::time::fmt_china(a.created_at)) }
                    { format!(" · {} · {}", a.retention.label(), super::size_label(a.size_bytes)) }</p>
                <a class="button secondary" href={a.download_url.clone()} download="">{ t.download_archive }</a>
            } else if *asking {
                <div class="reject-box confirm-box" role="dialog" aria-labelledby="archive-question" id="archive-dialog">
                    <p class="list-title" id="archive-question">{ t.confirm_archive }</p>
                    { problem(&error, "archive-error", t.conflict) }
                    <div class="form-actions">
                        <button class="button secondary" type="button" onclick={let a = asking.clone(); move |_| a.set(false)}>{ texts.cancel }</button>
                        <button class="button primary" type="button" id="archive-confirm" disabled={*busy}
                            onclick={move |_| submit.emit(())}>{ t.sure_archive }</button>
                    </div>
                </div>
            } else {
                <button class="button primary" type="button" id="archive-start" onclick={let a = asking.clone(); move |_| a.set(true)}>{ t.archive }</button>
            }
        </section>
    }
}
