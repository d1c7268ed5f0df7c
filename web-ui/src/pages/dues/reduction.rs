//! 减免党费 pieces shown on three pages: the application (the member's own on `/dues`, the
//! branch's for a member on `/dues/members/{id}`), a case's summary with its state, and its
//! history, read when it is opened.

use shared::PersonId;
use shared::api::dues::{ReductionInput, ReductionView};
use shared::api::workflow::{InstanceStatus, Outcome};
use yew::prelude::*;

use super::{field_error, problem, text};
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::dues::{ReductionTexts, reductions_of};
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(crate) struct ApplyProps {
    /// The member the branch applies for (none: the caller themself).
    #[prop_or_default]
    pub person: Option<i64>,
    /// The member's monthly standard now (元), shown as a hint for 减交.
    #[prop_or_default]
    pub standard: Option<String>,
    pub on_done: Callback<ReductionView>,
    pub on_cancel: Callback<()>,
}

/// 减交 (with the monthly amount asked for, below the standard) or 免交, from a month (this one
/// or later) until a month or until decided otherwise, and why.
#[component]
pub(crate) fn ApplyForm(props: &ApplyProps) -> Html {
    let texts = use_texts();
    let r = reductions_of(texts);
    let kind = use_state(|| "reduce".to_string());
    let monthly = use_state(String::new);
    let first = use_state(super::this_month);
    let last = use_state(String::new);
    let reason = use_state(String::new);
    let reduce = *kind == "reduce";
    let run = {
        let input = ReductionInput {
            person_id: props.person.map(PersonId),
            kind: (*kind).clone(),
            monthly: if reduce { text(&monthly) } else { None },
            first_month: first.trim().to_string(),
            last_month: text(&last),
            reason: reason.trim().to_string(),
        };
        move || {
            let input = input.clone();
            async move { crate::api::dues::apply_reduction(&input).await }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let kinds = vec![("reduce".to_string(), r.reduce.to_string()), ("exempt".to_string(), r.exempt.to_string())];
    let reason_error = field_error(&error, "reason");
    let cancel = props.on_cancel.clone();
    html! {
        <form class="form" id="reduction-form" novalidate=true onsubmit={on_submit(&submit)}>
            <div class="form-grid">
                <SelectField label={r.kind} name="reduction_kind" options={kinds} value={(*kind).clone()} onchange={set(&kind)} error={field_error(&error, "kind")} />
                if reduce {
                    <TextField label={r.monthly} name="reduction_monthly" value={(*monthly).clone()} inputmode={Some(AttrValue::Static("decimal"))}
                        oninput={set(&monthly)} error={field_error(&error, "monthly")} />
                }
                <TextField label={r.first_month} name="reduction_first_month" input_type="month" value={(*first).clone()} oninput={set(&first)} error={field_error(&error, "first_month")} />
                <TextField label={r.last_month} name="reduction_last_month" input_type="month" value={(*last).clone()} oninput={set(&last)} error={field_error(&error, "last_month")} />
            </div>
            if let (true, Some(standard)) = (reduce, &props.standard) {
                <p class="muted" id="reduction-standard">{ (r.standard_hint)(standard) }</p>
            }
            <div class={classes!("field", reason_error.is_some().then_some("invalid"))}>
                <label for="field-reduction_reason">{ r.reason }</label>
                <textarea id="field-reduction_reason" name="reduction_reason" rows="3" maxlength="500" placeholder={r.reason_hint}
                    value={(*reason).clone()} aria-invalid={reason_error.is_some().to_string()}
                    oninput={let s = reason.clone(); move |e: InputEvent| s.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())} />
                if let Some(e) = reason_error { <p class="field-error">{ e }</p> }
            </div>
            { problem(&error, "reduction-error") }
            <div class="form-actions">
                <button class="button secondary" type="button" onclick={move |_| cancel.emit(())}>{ texts.cancel }</button>
                <button class="button primary" type="submit" id="reduction-submit" disabled={*busy}>{ if *busy { texts.loading } else { r.submit } }</button>
            </div>
        </form>
    }
}

/// Open (at its step), approved or not approved, as a coloured label.
pub(crate) fn state_pill(r: &ReductionTexts, v: &ReductionView) -> Html {
    let (class, code, label) = if v.status.is_open() {
        ("excused", "open", v.step_name.clone())
    } else if v.status == InstanceStatus::Ended || v.outcome == Some(Outcome::Rejected) {
        ("unpaid", "rejected", r.rejected.to_string())
    } else {
        ("paid", "approved", r.approved.to_string())
    };
    html! { <span class={classes!("status-pill", class, "case-state")} data-state={code}>{ label }</span> }
}

/// Who (on the branch's and 党委's list) or what kind, the amount against the standard, the
/// months, the reason.
pub(crate) fn summary(r: &ReductionTexts, v: &ReductionView, who: bool) -> Html {
    let title = if who { format!("{} · {}", v.person_name, v.org_name) } else { v.kind_label.clone() };
    html! {
        <>
            <span class="list-row">
                <span class="list-title">{ title }</span>
                { state_pill(r, v) }
            </span>
            <span class="list-sub case-amount">{ (r.amount)(&v.kind, &v.monthly, &v.standard) }</span>
            <span class="list-sub">{ (r.months)(&v.first_month, v.last_month.as_deref()) }</span>
            <span class="list-meta">{ format!("{}：{}", r.reason, v.reason) }</span>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct HistoryProps {
    pub id: i64,
    /// Read again when the case moves on.
    pub version: i32,
    #[prop_or_default]
    pub open: bool,
}

/// 办理记录 behind a button (the list of cases carries no history).
#[component]
pub(crate) fn History(props: &HistoryProps) -> Html {
    let r = reductions_of(use_texts());
    let open = use_state(|| props.open);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <div class="case-history">
            <button class="link-button" type="button" aria-expanded={open.to_string()} onclick={toggle}>
                { if *open { r.hide_history } else { r.history } }
            </button>
            if *open { <Events id={props.id} version={props.version} /> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EventsProps {
    id: i64,
    version: i32,
}

#[component]
fn Events(props: &EventsProps) -> Html {
    let (loaded, retry) = use_load((props.id, props.version), |(id, _)| crate::api::dues::reduction(id));
    render(&loaded, &retry, |v| {
        html! {
            <ol class="list case-events">{ for v.history.iter().map(|e| html! {
                <li class="sync-row">
                    <span class="list-title">{ e.step_name.clone() }<span class="tag">{ e.action.label() }</span></span>
                    <span class="list-sub">{ format!("{} · {}", shared::time::fmt_china(e.at), e.actor_name.clone().unwrap_or_default()) }</span>
                    if let Some(c) = e.comment.as_ref().filter(|c| !c.is_empty()) { <span class="list-sub">{ c.clone() }</span> }
                </li>
            }) }</ol>
        }
    })
}
