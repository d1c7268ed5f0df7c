//! 组织关系转接 in six areas: a member's cases and the officials' desk queues (`transfers`),
//! starting a case (`transfer_new`), registering an incoming 介绍信 (`transfer_incoming`), one
//! case with its letters, timeline, history and the form of its current step (`transfer`), and
//! 整建制转接: starting one for a branch or party group (`transfer_batch_new`) and one batch with
//! its cases and the step done for all of them (`transfer_batch`). The pieces below are shared by
//! them: how a case's state and route are shown, and how a refused request is explained.

pub mod batch;
mod batch_act;
pub mod batch_new;
pub mod case;
pub mod incoming;
pub mod list;
pub mod new;
mod picker;
mod step;

use shared::api::transfers::{TransferKind, TransferView};
use shared::api::workflow::{InstanceStatus, Outcome};
use shared::error::ErrorCode;
use yew::prelude::*;

use crate::api::ApiError;

/// Text left blank is none.
pub(crate) fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A field's message from a failed request, if it names that field.
pub(crate) fn field_error(error: &Option<ApiError>, field: &str) -> Option<AttrValue> {
    error.as_ref().and_then(|e| e.fields().into_iter().find(|f| f.field == field)).map(|f| f.message.into())
}

/// Why a request was refused, under the form: a party rule (its message, then the rule and where
/// it comes from), a step someone else did first, or the server's message (for field errors, the
/// summary; each field shows its own message).
pub(crate) fn problem(error: &Option<ApiError>, id: &'static str, conflict: &'static str) -> Html {
    let Some(e) = error else { return Html::default() };
    if let Some(rule) = e.body.details.as_ref().and_then(|d| d.rule.as_ref()) {
        return html! {
            <div class="form-error rule-box" role="alert" {id} data-rule={rule.code.clone()}>
                <strong>{ rule.message.clone() }</strong><br />
                <span>{ format!("{}（{}）", rule.rule, rule.source) }</span>
            </div>
        };
    }
    let message = if e.body.code == ErrorCode::VersionConflict { conflict.to_string() } else { e.body.message.clone() };
    html! { <p class="form-error" role="alert" {id}>{ message }</p> }
}

/// The state of a case as a coloured label: who acts next while it is open, 已完成, or how it
/// ended (不予通过 …). `data-state` carries the awaiting code (or `completed` / `ended`).
pub(crate) fn state_pill(v: &TransferView) -> Html {
    let (class, code, label) = match v.status {
        s if s.is_open() => ("excused", v.awaiting.code(), v.awaiting_label.clone()),
        InstanceStatus::Completed => ("paid", "completed", InstanceStatus::Completed.label().to_string()),
        _ => ("unpaid", "ended", v.outcome.unwrap_or(Outcome::Rejected).label().to_string()),
    };
    html! { <span class={classes!("status-pill", class, "transfer-state")} data-state={code}>{ label }</span> }
}

/// Where the relationship goes: the sending side → the receiving side (an org of the
/// institution, or the outside party organisation or place as written).
pub(crate) fn route_line(v: &TransferView) -> String {
    let dash = || "—".to_string();
    let from = v.from_org_name.clone().or_else(|| v.external_org.clone()).unwrap_or_else(dash);
    let to = match v.kind {
        TransferKind::Within | TransferKind::In => v.to_org_name.clone(),
        TransferKind::Out | TransferKind::Flow => v.external_org.clone(),
    }
    .unwrap_or_else(dash);
    match (v.kind, &v.to_org_name) {
        (TransferKind::Flow, Some(host)) => format!("{from} → {to}（{host}）"),
        _ => format!("{from} → {to}"),
    }
}
