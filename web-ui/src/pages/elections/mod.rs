//! 支部委员会与选举 (成立、换届、增补) in three areas: the elections desk with the branch's own
//! committee card or the subtree's terms, and one org's committee page (`elections`); one case
//! with its timeline, the 请示 steps and the upper org's approval, its rounds, documents and
//! history (`election`); the forms that take the most typing, on pages of their own: starting an
//! election, the candidates, one round's count at the 党员大会, the posts (`election_form`). The
//! pieces below are shared by them.

mod approve;
pub mod case;
mod case_parts;
mod committee;
mod committee_act;
mod confirm;
pub mod list;
pub mod new;
mod new_parts;
mod nominate;
mod posts;
mod request_step;
pub mod step;
mod vote;

use shared::api::elections::{ElectionKind, TermState};
use shared::api::workflow::{InstanceStatus, Outcome};
use shared::rules::RuleViolation;
use yew::prelude::*;

use crate::api::elections::Election;

pub(crate) use crate::pages::transfers::{field_error, problem, text};

/// The page of the `elections` area: the desk, or one org's committee.
pub fn view(route: &crate::routes::Route) -> Html {
    match route {
        crate::routes::Route::OrgCommittee { id } => html! { <committee::CommitteePage id={*id} /> },
        _ => list::view(),
    }
}

/// What is elected: the kind and the org (the new branch's name for a founding).
pub(crate) fn title_of(e: &Election) -> String {
    match (e.kind, &e.new_org_name) {
        (ElectionKind::Founding, Some(name)) => format!("{}：{name}", e.kind.label()),
        _ => format!("{} · {}", e.org_name, e.kind.label()),
    }
}

/// The state of a case: its step while open, 已完成, or how it ended. `data-status` carries the
/// status code.
pub(crate) fn status_pill(e: &Election) -> Html {
    let (class, label) = match e.status {
        s if s.is_open() => ("excused", e.step_name.clone()),
        InstanceStatus::Completed => ("paid", InstanceStatus::Completed.label().to_string()),
        _ => ("unpaid", e.outcome.unwrap_or(Outcome::Rejected).label().to_string()),
    };
    html! { <span class={classes!("status-pill", class, "election-status")} data-status={e.status.code()}>{ label }</span> }
}

/// A committee term's state (任期内, 半年内届满, 已届满, 未设任期); `data-term` carries its code.
pub(crate) fn term_pill(state: TermState) -> Html {
    let class = match state {
        TermState::Running => "paid",
        TermState::Expiring => "excused",
        TermState::Overdue => "unpaid",
        TermState::Unset => "",
    };
    html! { <span class={classes!("status-pill", class, "term-state")} data-term={state.code()}>{ state.label() }</span> }
}

pub(crate) fn kv(label: &'static str, value: String) -> Html {
    html! { <div class="kv"><dt>{ label }</dt><dd>{ value }</dd></div> }
}

/// Rules the case or the committee does not meet: the message, then the rule and its source.
pub(crate) fn violations(list: &[RuleViolation], id: &'static str) -> Html {
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <section class="page" {id}>{ for list.iter().map(|w| html! {
            <div class="notice warn" role="alert" data-rule={w.code.clone()}>
                <strong>{ w.message.clone() }</strong><br />
                <span class="rule-source">{ format!("{}（{}）", w.rule, w.source) }</span>
            </div>
        }) }</section>
    }
}

/// A whole number typed in a form (none when blank or not a number).
pub(crate) fn number(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok()
}

/// A textarea's `oninput` that hands over the text.
pub(crate) fn on_text(set: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| set.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))
}

/// A setter for one state value, as the fields' `oninput` wants it.
pub(crate) fn setter(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| state.set(v))
}
