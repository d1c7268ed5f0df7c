//! The step of a 整建制转接 done for every open case of the batch at it: 全部同意 (with the
//! letter's validity at the 党委's step, the 回执 result at the last step of a 转出), or 全部不予
//! 通过 with a reason asked for in a dialog. All or none: a case that cannot go (a member who
//! owes dues) refuses the whole request with its rule, shown under the form.

use std::collections::BTreeMap;

use shared::api::transfers::{Awaiting, BatchStep, TransferDetail, TransferView};
use shared::api::workflow::Decision;
use yew::prelude::*;

use super::step::data_of;
use super::{field_error, problem};
use crate::components::fields::TextField;
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::transfer_batch::batch_of;
use crate::i18n::transfer_case::case_of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(crate) struct BatchActionProps {
    pub batch: i64,
    /// An open case at the step, which the caller may do.
    pub case: TransferView,
    /// How many open cases are at that step.
    pub count: usize,
    pub on_done: Callback<Vec<TransferView>>,
    pub on_refresh: Callback<()>,
}

/// The step's fields and whether it may be refused, from one of its cases.
#[component]
pub(crate) fn BatchAction(props: &BatchActionProps) -> Html {
    let (detail, retry) = use_load(props.case.id, crate::api::transfers::detail);
    render(&detail, &retry, |d| {
        if !d.transfer.can_act || d.transfer.step != props.case.step {
            return Html::default();
        }
        html! {
            <BatchForm detail={d.clone()} batch={props.batch} count={props.count}
                on_done={props.on_done.clone()} on_refresh={props.on_refresh.clone()} />
        }
    })
}

#[derive(Properties, PartialEq)]
struct FormProps {
    detail: TransferDetail,
    batch: i64,
    count: usize,
    on_done: Callback<Vec<TransferView>>,
    on_refresh: Callback<()>,
}

#[component]
fn BatchForm(props: &FormProps) -> Html {
    let texts = use_texts();
    let (b, t) = (batch_of(texts), case_of(texts));
    let v = &props.detail.transfer;
    let today = crate::pages::members::edit::today_string();
    let values = use_state(|| BTreeMap::from([("receipt_on".to_string(), today)]));
    let comment = use_state(String::new);
    let rejecting = use_state(|| false);
    let reason = use_state(String::new);
    let reason_missing = use_state(|| false);
    let attempted = use_state(|| false);
    let decision = use_mut_ref(|| None::<Decision>);
    let run = {
        let (batch, step, detail) = (props.batch, v.step, props.detail.clone());
        let (values, comment, reason, decision, attempted) =
            (values.clone(), comment.clone(), reason.clone(), decision.clone(), attempted.clone());
        move || {
            let reject = *decision.borrow() == Some(Decision::Reject);
            let (data, missing) = if reject { Default::default() } else { data_of(t, &detail, &values) };
            attempted.set(!reject);
            let text = if reject { (*reason).clone() } else { (*comment).clone() };
            let body = BatchStep {
                data,
                decision: *decision.borrow(),
                comment: Some(text.trim().to_string()).filter(|c| !c.is_empty()),
            };
            async move {
                if !missing.is_empty() {
                    return Err(crate::api::ApiError::local(t.fix_errors));
                }
                crate::api::transfers::act_batch(batch, step, &body).await
            }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let missing = if *attempted { data_of(t, &props.detail, &values).1 } else { BTreeMap::new() };
    let err = |name: &str| missing.get(name).map(|m| AttrValue::Static(m)).or_else(|| field_error(&error, name));
    let set = |name: &'static str| {
        let values = values.clone();
        Callback::from(move |v: String| {
            let mut next = (*values).clone();
            next.insert(name.to_string(), v);
            values.set(next);
        })
    };
    let approve = {
        let (submit, decision) = (submit.clone(), decision.clone());
        Callback::from(move |_| {
            *decision.borrow_mut() = None;
            submit.emit(());
        })
    };
    let confirm_reject = {
        let (submit, decision, reason, missing) =
            (submit.clone(), decision.clone(), reason.clone(), reason_missing.clone());
        Callback::from(move |_: MouseEvent| {
            if reason.trim().is_empty() {
                missing.set(true);
                return;
            }
            *decision.borrow_mut() = Some(Decision::Reject);
            submit.emit(());
        })
    };
    let has = |name: &str| props.detail.fields.iter().any(|f| f.name == name);
    let label = if has("result") {
        b.submit_all
    } else if v.awaiting == Awaiting::Receiving {
        b.accept_all
    } else {
        b.approve_all
    };
    let value = |name: &str| values.get(name).cloned().unwrap_or_default();
    let result = value("result");
    let note_label = if result == "reissue" { t.reissue_reason } else { t.closed_note };
    let note_error = err("note");
    let reason_error = reason_missing.then_some(t.reject_needs_reason);
    let conflict = error.as_ref().is_some_and(|e| e.status == 409);
    html! {
        <form class="card form" id="batch-step" novalidate=true onsubmit={on_submit(&approve)} data-step={v.step.to_string()}>
            <h2>{ (b.act_heading)(v.step, &v.step_name) }</h2>
            <p class="muted" id="batch-step-count">{ (b.act_intro)(props.count) }</p>
            if has("valid_days") {
                <div class="form-grid">
                    <TextField label={t.valid_days} name="valid_days" input_type="number" value={value("valid_days")}
                        placeholder="90" oninput={set("valid_days")} error={err("valid_days")} />
                </div>
            }
            if has("result") {
                <fieldset class={classes!("choice", err("result").is_some().then_some("invalid"))} id="step-result">
                    <legend>{ t.result }</legend>
                    { for [("received", t.received), ("closed", t.closed), ("reissue", t.reissue)].into_iter().map(|(code, label)| {
                        let set = set("result");
                        html! {
                            <label class={classes!("choice-option", (result == code).then_some("active"))}>
                                <input type="radio" name="result" id={format!("result-{code}")} value={code} checked={result == code}
                                    onchange={move |_| set.emit(code.to_string())} />
                                <span>{ label }</span>
                            </label>
                        }
                    }) }
                    if let Some(e) = err("result") { <p class="field-error">{ e }</p> }
                </fieldset>
                if result == "received" {
                    <div class="form-grid">
                        <TextField label={t.receipt_on} name="receipt_on" input_type="date" value={value("receipt_on")}
                            oninput={set("receipt_on")} error={err("receipt_on")} />
                    </div>
                }
                if result == "closed" || result == "reissue" {
                    <div class={classes!("field", note_error.is_some().then_some("invalid"))}>
                        <label for="field-note">{ note_label }</label>
                        <textarea id="field-note" rows="3" maxlength="500" value={value("note")}
                            oninput={let s = set("note"); move |e: InputEvent| s.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())} />
                        if let Some(e) = note_error { <p class="field-error" id="field-note-error">{ e }</p> }
                    </div>
                }
            }
            <TextField label={t.comment} name="step_comment" value={(*comment).clone()}
                oninput={let c = comment.clone(); Callback::from(move |v| c.set(v))} />
            if conflict {
                <div class="form-error" role="alert" id="step-conflict">
                    <span>{ t.conflict }</span>
                    <button class="link-button" type="button" onclick={let r = props.on_refresh.clone(); move |_| r.emit(())}>{ t.refresh }</button>
                </div>
            } else {
                { problem(&error, "step-error", t.conflict) }
            }
            if *rejecting {
                <div class="reject-box" role="dialog" aria-labelledby="reject-title" id="reject-dialog">
                    <p class="list-title" id="reject-title">{ (b.reject_question)(props.count) }</p>
                    <div class={classes!("field", reason_error.is_some().then_some("invalid"))}>
                        <label for="reject-reason">{ t.reject_reason }</label>
                        <textarea id="reject-reason" rows="3" maxlength="500" value={(*reason).clone()} aria-invalid={reason_error.is_some().to_string()}
                            oninput={let (r, m) = (reason.clone(), reason_missing.clone()); move |e: InputEvent| {
                                m.set(false);
                                r.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
                            }} />
                        if let Some(e) = reason_error { <p class="field-error">{ e }</p> }
                    </div>
                    <div class="form-actions">
                        <button class="button secondary" type="button" onclick={let r = rejecting.clone(); move |_| r.set(false)}>{ texts.cancel }</button>
                        <button class="button primary" type="button" id="reject-confirm" disabled={*busy} onclick={confirm_reject}>{ b.reject_confirm }</button>
                    </div>
                </div>
            }
            <div class="form-actions">
                if props.detail.may_reject && !*rejecting {
                    <button class="button secondary" type="button" id="step-reject" disabled={*busy}
                        onclick={let r = rejecting.clone(); move |_| r.set(true)}>{ b.reject_all }</button>
                }
                <button class="button primary" type="submit" id="step-submit" disabled={*busy}>{ if *busy { texts.loading } else { label } }</button>
            </div>
        </form>
    }
}
