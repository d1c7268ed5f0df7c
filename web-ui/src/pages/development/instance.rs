//! One development case: the 25-step timeline, what blocks the next step and why, the form of
//! the next step (for whoever may act), and the full history.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use shared::api::development::{
    Decision, FieldKind, InstanceDetail, InstanceStatus, StepInfo, StepKind, StepRequest, StepState,
};
use web_sys::SubmitEvent;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::fields::TextField;
use crate::components::states::{ErrorBox, Loading};
use crate::state::{SessionAction, use_session, use_texts};

/// The page of a one-case route (the `case` area, see `crate::areas`).
pub fn view(route: &crate::routes::Route) -> Html {
    match route {
        crate::routes::Route::DevInstance { id } => html! { <DevInstancePage id={*id} /> },
        _ => Html::default(),
    }
}

fn state_class(state: StepState) -> &'static str {
    match state {
        StepState::Done => "done",
        StepState::Current => "current",
        StepState::Waiting => "waiting",
        StepState::Pending => "pending",
    }
}

#[derive(Properties, PartialEq)]
pub struct InstanceProps {
    pub id: i64,
}

#[component]
pub fn DevInstancePage(props: &InstanceProps) -> Html {
    let texts = use_texts();
    let session = use_session();
    let detail = use_state(|| None::<Result<InstanceDetail, crate::api::ApiError>>);
    {
        let (detail, session) = (detail.clone(), session.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            spawn_local(async move {
                match crate::api::development::instance(id).await {
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    other => detail.set(Some(other)),
                }
            });
            || ()
        });
    }
    let on_done = {
        let detail = detail.clone();
        Callback::from(move |d: InstanceDetail| detail.set(Some(Ok(d))))
    };
    let Some(result) = &*detail else { return html! { <Loading /> } };
    let d = match result {
        Ok(d) => d.clone(),
        Err(e) => return html! { <ErrorBox error={e.clone()} /> },
    };
    html! {
        <div class="page dev-instance">
            <section class="card">
                <h1 class="page-title" id="dev-person">{ d.summary.person_name.clone() }<span class="tag">{ d.summary.org_name.clone() }</span></h1>
                if d.summary.status == InstanceStatus::Waiting {
                    <div class="notice" id="dev-waiting">{ format!("{}{}", d.summary.status.label(),
                        d.summary.ready_on.map(|r| (crate::i18n::development::of(texts).waiting_until)(r.to_string())).unwrap_or_default()) }
                        { d.summary.outcome.map(|o| format!("（{}）", o.label())).unwrap_or_default() }</div>
                }
                if let Some(next) = &d.next {
                    <p class="muted" id="dev-next">{ (crate::i18n::development::of(texts).next_step)((crate::i18n::development::of(texts).next, next.number, next.name.clone())) }
                        { d.summary.due_on.map(|due| format!(" · {} {due}", crate::i18n::development::of(texts).due)).unwrap_or_default() }</p>
                } else {
                    <p class="muted">{ crate::i18n::development::of(texts).finished }{ d.summary.outcome.map(|o| format!("（{}）", o.label())).unwrap_or_default() }</p>
                }
                if let Some(rule) = &d.blocked_by {
                    <div class="notice" id="dev-blocked"><strong>{ crate::i18n::development::of(texts).blocked }{ "：" }</strong>{ rule.message.clone() }
                        <br /><span class="muted">{ format!("{}（{}）", rule.rule, rule.source) }</span></div>
                }
                { for d.warnings.iter().map(|w| html! { <div class="notice">{ crate::i18n::development::of(texts).warning }{ "：" }{ w.clone() }</div> }) }
            </section>
            if d.can_act {
                if let Some(next) = d.next.clone() {
                    <StepForm id={d.summary.id} version={d.summary.version} step={next} on_done={on_done.clone()} />
                }
            }
            <section class="card">
                <h2>{ crate::i18n::development::of(texts).timeline }</h2>
                <ol class="timeline" id="dev-timeline">
                    { for d.steps.iter().map(|s| html! {
                        <li class={classes!("timeline-step", state_class(s.state))}>
                            <span class="timeline-dot"></span>
                            <span class="timeline-name">{ format!("{}. {}", s.number, s.name) }</span>
                            if let Some(on) = s.done_on { <span class="list-sub">{ on.to_string() }</span> }
                        </li>
                    }) }
                </ol>
            </section>
            <section class="card">
                <h2>{ crate::i18n::development::of(texts).history }</h2>
                <ul class="list" id="dev-history">{ for d.history.iter().rev().map(|e| html! {
                    <li class="sync-row">
                        <span class="list-title">{ format!("{}. {}", e.step, e.step_name) }<span class="tag">{ e.action.label() }</span></span>
                        <span class="list-sub">{ format!("{} · {}{}", shared::time::fmt_china(e.at),
                            e.actor_name.clone().unwrap_or_default(), e.actor_role.map(|r| format!("（{}）", r.label())).unwrap_or_default()) }</span>
                        if let Some(c) = &e.comment { <span class="list-sub">{ c.clone() }</span> }
                    </li>
                }) }</ul>
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StepFormProps {
    id: i64,
    version: i32,
    step: StepInfo,
    on_done: Callback<InstanceDetail>,
}

/// A form generated from the step's field list.
#[component]
fn StepForm(props: &StepFormProps) -> Html {
    let texts = use_texts();
    let session = use_session();
    let values = use_state(BTreeMap::<String, String>::new);
    let comment = use_state(String::new);
    let errors = use_state(BTreeMap::<String, String>::new);
    let message = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let decidable = matches!(props.step.kind, StepKind::Approval | StepKind::Filing);
    let (returnable, rejectable) = (props.step.may_return_to.is_some(), props.step.may_reject);
    let submit = {
        let (values, comment, errors, message, busy, session) =
            (values.clone(), comment.clone(), errors.clone(), message.clone(), busy.clone(), session.clone());
        let (id, version, step, on_done) = (props.id, props.version, props.step.clone(), props.on_done.clone());
        Callback::from(move |decision: Option<Decision>| {
            let mut data = Map::new();
            for f in &step.fields {
                let raw = values.get(&f.name).cloned().unwrap_or_default();
                if raw.trim().is_empty() {
                    continue;
                }
                let value = match f.kind {
                    FieldKind::Number => {
                        raw.trim().parse::<u64>().map(Value::from).unwrap_or(Value::String(raw.clone()))
                    }
                    FieldKind::Person | FieldKind::File => {
                        raw.trim().parse::<i64>().map(Value::from).unwrap_or(Value::String(raw.clone()))
                    }
                    FieldKind::Dates => Value::Array(
                        raw.split([',', '，', ' '])
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(|s| Value::String(s.to_string()))
                            .collect(),
                    ),
                    FieldKind::Persons => Value::Array(
                        raw.split([',', '，', ' '])
                            .filter_map(|s| s.trim().parse::<i64>().ok())
                            .map(Value::from)
                            .collect(),
                    ),
                    FieldKind::Date | FieldKind::Text | FieldKind::Choice => Value::String(raw.clone()),
                };
                data.insert(f.name.clone(), value);
            }
            let body = StepRequest {
                version,
                data,
                decision,
                comment: Some((*comment).clone()).filter(|c| !c.trim().is_empty()),
            };
            busy.set(true);
            let (errors, message, busy, session, on_done, number) =
                (errors.clone(), message.clone(), busy.clone(), session.clone(), on_done.clone(), step.number);
            spawn_local(async move {
                match crate::api::development::act(id, number, &body).await {
                    Ok(d) => {
                        errors.set(BTreeMap::new());
                        message.set(None);
                        on_done.emit(d);
                    }
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    Err(e) => {
                        errors.set(e.fields().into_iter().map(|f| (f.field, f.message)).collect());
                        message.set(Some(e.body.message));
                    }
                }
                busy.set(false);
            });
        })
    };
    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(decidable.then_some(Decision::Approve));
        })
    };
    html! {
        <form class="card form" {onsubmit} id="dev-step-form" novalidate=true>
            <h2>{ (crate::i18n::development::of(texts).step_heading)((props.step.number, props.step.name.clone())) }</h2>
            if let Some(text) = &*message { <p class="form-error" role="alert" id="dev-step-error">{ text.clone() }</p> }
            <div class="form-grid">
                { for props.step.fields.iter().map(|f| {
                    let name = f.name.clone();
                    let values_for_input = values.clone();
                    let input_type = match f.kind { FieldKind::Date => "date", FieldKind::Number => "number", _ => "text" };
                    let placeholder = match f.kind { FieldKind::Dates => "2026-03-01, 2026-09-01", FieldKind::Persons => crate::i18n::development::of(texts).persons_placeholder, _ => "" };
                    html! {
                        <TextField label={format!("{}{}", f.label, if f.required { " *" } else { "" })} name={f.name.clone()} input_type={input_type}
                            placeholder={placeholder} value={values.get(&f.name).cloned().unwrap_or_default()}
                            error={errors.get(&f.name).map(|m| AttrValue::from(m.clone()))}
                            oninput={Callback::from(move |v: String| { let mut next = (*values_for_input).clone(); next.insert(name.clone(), v); values_for_input.set(next); })} />
                    }
                }) }
                if decidable || returnable || rejectable {
                    <TextField label={crate::i18n::development::of(texts).comment} name="comment" value={(*comment).clone()} oninput={let c = comment.clone(); Callback::from(move |v| c.set(v))} />
                }
            </div>
            <div class="form-actions">
                if rejectable {
                    <button class="button secondary" type="button" id="dev-reject" disabled={*busy} onclick={let s = submit.clone(); Callback::from(move |_| s.emit(Some(Decision::Reject)))}>{ crate::i18n::development::of(texts).reject }</button>
                }
                if returnable {
                    <button class="button secondary" type="button" id="dev-return" disabled={*busy} onclick={let s = submit.clone(); Callback::from(move |_| s.emit(Some(Decision::Return)))}>{ crate::i18n::development::of(texts).send_back }</button>
                }
                <button class="button primary" type="submit" id="dev-submit" disabled={*busy}>{ if decidable { crate::i18n::development::of(texts).approve } else { crate::i18n::development::of(texts).submit_step } }</button>
            </div>
        </form>
    }
}
