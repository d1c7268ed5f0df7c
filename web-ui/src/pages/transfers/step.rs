//! The form of a case's current step, for whoever may do it, built from the step's fields: the
//! 回执 as a choice (received / closed / re-issue) with its date or reason, the archive check as
//! a box, the 党小组 as a list of the receiving branch's groups, dates defaulting to today.
//! 不予通过 asks for the reason in a dialog first. A step someone else did first says so.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use shared::OrgKind;
use shared::api::development::{FieldKind, FieldSpec, StepRequest};
use shared::api::transfers::{Awaiting, TransferDetail};
use shared::api::workflow::Decision;
use yew::prelude::*;

use super::{field_error, problem};
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::i18n::transfer_case::{CaseTexts, case_of};
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(crate) struct StepFormProps {
    pub detail: TransferDetail,
    pub on_done: Callback<TransferDetail>,
    pub on_refresh: Callback<()>,
}

const PROBATION: &str = "transfer.probation_overdue";

/// What the step form may send, and what is missing, by field.
pub(super) fn data_of(
    t: &CaseTexts,
    d: &TransferDetail,
    values: &BTreeMap<String, String>,
) -> (Map<String, Value>, BTreeMap<String, &'static str>) {
    let mut data = Map::new();
    let mut missing = BTreeMap::new();
    let value = |name: &str| values.get(name).map(|v| v.trim().to_string()).unwrap_or_default();
    let result = value("result");
    for f in &d.fields {
        let raw = value(&f.name);
        let shown = match f.name.as_str() {
            "receipt_on" => result == "received",
            "note" => result == "closed" || result == "reissue",
            _ => true,
        };
        let required = match f.name.as_str() {
            "result" | "note" | "receipt_on" | "returned_on" => shown,
            "archive_checked" => d.record.get("archive_checked").and_then(Value::as_bool) != Some(true),
            "explanation" => d.transfer.warnings.iter().any(|w| w.code == PROBATION),
            _ => f.required,
        };
        if !shown {
            continue;
        }
        if raw.is_empty() {
            if required {
                let message = match f.name.as_str() {
                    "result" => t.pick_result,
                    "archive_checked" => t.need_archive,
                    "explanation" | "note" => t.need_text,
                    _ => t.need_value,
                };
                missing.insert(f.name.clone(), message);
            }
            continue;
        }
        let value = match f.kind {
            FieldKind::Number => match raw.parse::<u64>() {
                Ok(n) if f.name != "valid_days" || (1..=90).contains(&n) => Value::from(n),
                _ => {
                    missing.insert(f.name.clone(), if f.name == "valid_days" { t.bad_days } else { t.need_value });
                    continue;
                }
            },
            FieldKind::Date if shared::time::parse_date(&raw).is_none() => {
                missing.insert(f.name.clone(), t.need_value);
                continue;
            }
            _ => Value::String(raw),
        };
        data.insert(f.name.clone(), value);
    }
    (data, missing)
}

#[component]
pub(crate) fn StepForm(props: &StepFormProps) -> Html {
    let texts = use_texts();
    let t = case_of(texts);
    let v = &props.detail.transfer;
    let today = crate::pages::members::edit::today_string();
    let values = use_state(|| {
        let dates = props.detail.fields.iter().filter(|f| f.kind == FieldKind::Date);
        dates.map(|f| (f.name.clone(), today.clone())).collect::<BTreeMap<_, _>>()
    });
    let comment = use_state(String::new);
    let rejecting = use_state(|| false);
    let reason = use_state(String::new);
    let reason_missing = use_state(|| false);
    let attempted = use_state(|| false);
    let decision = use_mut_ref(|| None::<Decision>);
    let run = {
        let (id, step, version, detail) = (v.id, v.step, v.version, props.detail.clone());
        let (values, comment, reason, decision, attempted) =
            (values.clone(), comment.clone(), reason.clone(), decision.clone(), attempted.clone());
        move || {
            let reject = *decision.borrow() == Some(Decision::Reject);
            let (data, missing) = if reject { Default::default() } else { data_of(t, &detail, &values) };
            attempted.set(!reject);
            let text = if reject { (*reason).clone() } else { (*comment).clone() };
            let body = StepRequest {
                version,
                data,
                decision: *decision.borrow(),
                comment: Some(text.trim().to_string()).filter(|c| !c.is_empty()),
            };
            async move {
                if !missing.is_empty() {
                    return Err(crate::api::ApiError::local(t.fix_errors));
                }
                crate::api::transfers::act(id, step, &body).await
            }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let missing = if *attempted { data_of(t, &props.detail, &values).1 } else { BTreeMap::new() };
    let err = |name: &str| missing.get(name).map(|m| AttrValue::Static(m)).or_else(|| field_error(&error, name));
    let set = |name: &str| {
        let (values, name) = (values.clone(), name.to_string());
        Callback::from(move |v: String| {
            let mut next = (*values).clone();
            next.insert(name.clone(), v);
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
    let conflict = error.as_ref().is_some_and(|e| e.status == 409);
    let label = if v.awaiting == Awaiting::Receiving {
        t.accept
    } else if props.detail.fields.is_empty() {
        t.approve
    } else {
        t.submit
    };
    let result = values.get("result").cloned().unwrap_or_default();
    let field = |f: &FieldSpec| -> Html {
        let name = f.name.as_str();
        let value = values.get(name).cloned().unwrap_or_default();
        match name {
            "result" => html! {
                <fieldset class={classes!("choice", err(name).is_some().then_some("invalid"))} id="step-result">
                    <legend>{ t.result }</legend>
                    { for [("received", t.received), ("closed", t.closed), ("reissue", t.reissue)].into_iter().map(|(code, label)| {
                        let set = set(name);
                        html! {
                            <label class={classes!("choice-option", (value == code).then_some("active"))}>
                                <input type="radio" name="result" id={format!("result-{code}")} value={code} checked={value == code}
                                    onchange={move |_| set.emit(code.to_string())} />
                                <span>{ label }</span>
                            </label>
                        }
                    }) }
                    if let Some(e) = err(name) { <p class="field-error">{ e }</p> }
                </fieldset>
            },
            "receipt_on" if result != "received" => Html::default(),
            "note" if result != "closed" && result != "reissue" => Html::default(),
            "archive_checked" => {
                let set = set(name);
                let checked = value == "yes";
                html! {
                    <div class={classes!("field", err(name).is_some().then_some("invalid"))}>
                        <label class="check"><input type="checkbox" id="field-archive_checked" {checked}
                            onchange={move |_| set.emit(if checked { String::new() } else { "yes".into() })} />{ t.archive }</label>
                        if let Some(e) = err(name) { <p class="field-error">{ e }</p> }
                    </div>
                }
            }
            "party_group_id" => match props.detail.transfer.to_org_id {
                Some(org) => html! { <GroupSelect org={org.0} value={value} onchange={set(name)} error={err(name)} /> },
                None => Html::default(),
            },
            "note" | "explanation" => {
                let label = match name {
                    "note" if result == "reissue" => t.reissue_reason,
                    "note" => t.closed_note,
                    _ => t.explanation,
                };
                let (set, error) = (set(name), err(name));
                html! {
                    <div class={classes!("field", error.is_some().then_some("invalid"))}>
                        <label for={format!("field-{name}")}>{ label }</label>
                        <textarea id={format!("field-{name}")} rows="3" maxlength="500" {value}
                            oninput={move |e: InputEvent| set.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())} />
                        if let Some(e) = error { <p class="field-error" id={format!("field-{name}-error")}>{ e }</p> }
                    </div>
                }
            }
            _ => {
                let (input_type, label) = match (f.kind, name) {
                    (_, "receipt_on") => ("date", AttrValue::Static(t.receipt_on)),
                    (_, "valid_days") => ("number", AttrValue::Static(t.valid_days)),
                    (FieldKind::Date, _) => ("date", AttrValue::from(f.label.clone())),
                    (FieldKind::Number, _) => ("number", AttrValue::from(f.label.clone())),
                    _ => ("text", AttrValue::from(f.label.clone())),
                };
                html! {
                    <crate::components::fields::TextField {label} name={f.name.clone()} {input_type} {value}
                        placeholder={if name == "valid_days" { "90" } else { "" }} oninput={set(name)} error={err(name)} />
                }
            }
        }
    };
    let reason_error = reason_missing.then_some(t.reject_needs_reason);
    html! {
        <form class="card form" id="step-form" novalidate=true onsubmit={on_submit(&approve)} data-step={v.step.to_string()}>
            <h2>{ (t.step_heading)(v.step, &v.step_name) }</h2>
            <div class="form-grid">{ for props.detail.fields.iter().map(field) }</div>
            <crate::components::fields::TextField label={t.comment} name="step_comment" value={(*comment).clone()}
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
                    <p class="list-title" id="reject-title">{ (t.reject_question)(&v.person_name) }</p>
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
                        <button class="button primary" type="button" id="reject-confirm" disabled={*busy} onclick={confirm_reject}>{ t.reject_confirm }</button>
                    </div>
                </div>
            }
            <div class="form-actions">
                if props.detail.may_reject && !*rejecting {
                    <button class="button secondary" type="button" id="step-reject" disabled={*busy}
                        onclick={let r = rejecting.clone(); move |_| r.set(true)}>{ t.reject }</button>
                }
                <button class="button primary" type="submit" id="step-submit" disabled={*busy}>{ if *busy { texts.loading } else { label } }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    org: i64,
    value: String,
    onchange: Callback<String>,
    error: Option<AttrValue>,
}

/// The receiving branch's 党小组 (none chosen: not in a group for now); nothing when it has none.
#[component]
fn GroupSelect(props: &GroupProps) -> Html {
    let t = case_of(use_texts());
    let (groups, _) = use_load(props.org, |org| crate::api::org_tree(Some(org)));
    let Load::Ready(tree) = &*groups else { return Html::default() };
    let mut options = vec![(String::new(), t.no_group.to_string())];
    options.extend(
        tree.children.iter().filter(|o| o.kind == OrgKind::PartyGroup).map(|o| (o.id.0.to_string(), o.name.clone())),
    );
    if options.len() == 1 {
        return Html::default();
    }
    html! {
        <crate::components::fields::SelectField label={t.party_group} name="party_group_id" {options} value={props.value.clone()}
            onchange={props.onchange.clone()} error={props.error.clone()} />
    }
}
