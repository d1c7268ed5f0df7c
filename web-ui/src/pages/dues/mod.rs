//! Party dues (党费) in five areas: a member's own dues and paying online (`dues`, the phone
//! page), one member's dues with the branch's forms (`dues_member`), the ledger and the
//! collection report (`dues_reports`), deciding 减免 cases (`dues_reductions`), the base
//! declaration import (`dues_imports`). The pieces below show a `MemberDues` the same way on
//! both member pages; `reduction` holds the 减免 pieces the member pages and the cases share.

mod collection;
pub mod imports;
mod ledger;
pub mod member;
mod member_base;
mod mine;
mod reduction;
pub mod reductions;

use shared::api::dues::{BaseView, MemberDues, MonthView, PaymentView};
use shared::rules::dues::Fen;
use yew::prelude::*;

use crate::api::ApiError;
use crate::i18n::dues::FeatureTexts;
use crate::routes::Route;

/// The page of the `dues` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::DuesMine => html! { <mine::MyDuesPage /> },
        _ => Html::default(),
    }
}

/// The pages of the `dues_reports` area.
pub fn reports_view(route: &Route) -> Html {
    match route {
        Route::DuesLedger => html! { <ledger::LedgerPage /> },
        Route::DuesCollection => html! { <collection::CollectionPage /> },
        _ => Html::default(),
    }
}

/// This month as `2026-11` (China time, as the server reckons it).
pub(crate) fn this_month() -> String {
    let today = crate::pages::members::edit::today();
    shared::rules::dues_payment::fmt_month(shared::rules::dues_payment::month_of(today))
}

/// Text left blank is none.
pub(crate) fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Two amounts of 元 added (unreadable text counts as nothing).
pub(crate) fn add_yuan(a: &str, b: &str) -> String {
    let fen = |s: &str| Fen::parse(s).map_or(0, |f| f.0);
    Fen(fen(a) + fen(b)).yuan()
}

/// A field's message from a failed request, if it names that field.
pub(crate) fn field_error(error: &Option<ApiError>, field: &str) -> Option<AttrValue> {
    error.as_ref().and_then(|e| e.fields().into_iter().find(|f| f.field == field)).map(|f| f.message.into())
}

/// A refusal that no field shows: a party rule (with its text and source), or the message.
pub(crate) fn problem(error: &Option<ApiError>, id: &'static str) -> Html {
    let Some(e) = error else { return Html::default() };
    if let Some(rule) = e.body.details.as_ref().and_then(|d| d.rule.as_ref()) {
        return html! {
            <div class="form-error" role="alert" {id}>
                <strong>{ rule.message.clone() }</strong><br />
                <span>{ format!("{}（{}）", rule.rule, rule.source) }</span>
            </div>
        };
    }
    if !e.fields().is_empty() {
        return Html::default();
    }
    html! { <p class="form-error" role="alert" {id}>{ e.body.message.clone() }</p> }
}

/// `paid`, `unpaid` or `excused` as a coloured label.
pub(crate) fn status_pill(t: &FeatureTexts, status: &str) -> Html {
    let label = match status {
        "paid" => t.paid,
        "excused" => t.excused,
        _ => t.unpaid,
    };
    html! { <span class={classes!("status-pill", status.to_string())}>{ label }</span> }
}

/// 党费交至, the arrears warning, what is owed now.
pub(crate) fn summary(t: &FeatureTexts, d: &MemberDues) -> Html {
    html! {
        <>
            <p class="paid-through" id="paid-through">{ d.paid_through_label.clone() }</p>
            if d.arrears_months >= 3 {
                <div class="notice warn" role="alert" id="arrears-warning">{ (t.arrears)(d.arrears_months) }</div>
            }
            <div class="stats">
                <div class="stat"><span class="stat-value" id="dues-owed">{ (t.yuan)(&d.owed) }</span><span class="stat-label">{ t.owed }</span></div>
                <div class="stat"><span class="stat-value">{ d.current.as_ref().map(|b| (t.yuan)(&b.monthly)).unwrap_or_else(|| "—".into()) }</span><span class="stat-label">{ t.monthly }</span></div>
            </div>
        </>
    }
}

/// The base in force: category, base, monthly amount, from which month, confirmed or not.
pub(crate) fn standard(t: &FeatureTexts, base: Option<&BaseView>, action: Html) -> Html {
    let Some(b) = base else { return html! { <p class="muted" id="no-base">{ t.no_base }</p> } };
    html! {
        <>
            <dl class="kv-list" id="dues-standard">
                <div class="kv"><dt>{ t.category }</dt><dd>{ b.category_label.clone() }</dd></div>
                <div class="kv"><dt>{ t.base }</dt><dd>{ b.base.clone() }</dd></div>
                <div class="kv"><dt>{ t.monthly }</dt><dd>{ (t.yuan)(&b.monthly) }</dd></div>
                <div class="kv"><dt>{ t.effective_month }</dt><dd>{ (t.month_label)(&b.effective_month) }</dd></div>
            </dl>
            <p class="muted">
                { match b.confirmed_at {
                    Some(at) => format!("{} {}", t.confirmed, shared::time::fmt_china(at)),
                    None => t.unconfirmed.to_string(),
                } }
            </p>
            { action }
        </>
    }
}

/// The last 24 months, newest first; `extra` adds what a row offers (the branch's reason form).
pub(crate) fn months(t: &FeatureTexts, months: &[MonthView], extra: &dyn Fn(&MonthView) -> Html) -> Html {
    if months.is_empty() {
        return html! { <p class="muted">{ t.no_months }</p> };
    }
    html! {
        <ul class="list" id="dues-months">{ for months.iter().map(|m| html! {
            <li class="sync-row" data-month={m.month.clone()} data-status={m.status.clone()}>
                <span class="list-row">
                    <span class="list-title">{ (t.month_label)(&m.month) }</span>
                    { status_pill(t, &m.status) }
                </span>
                <span class="list-sub">
                    { format!("{} {} · {} {}", t.payable, (t.yuan)(&m.payable), t.paid_amount, (t.yuan)(&m.paid)) }
                    if let Some(on) = m.paid_on { { format!(" · {on}") } }
                    if m.reduced { <span class="tag">{ t.reduced }</span> }
                </span>
                if let Some(reason) = &m.arrears_reason { <span class="list-meta">{ format!("{}：{reason}", t.reason) }</span> }
                { extra(m) }
            </li>
        }) }</ul>
    }
}

/// Payments, newest first, each with its receipt.
pub(crate) fn payments(t: &FeatureTexts, payments: &[PaymentView]) -> Html {
    if payments.is_empty() {
        return html! { <p class="muted" id="no-payments">{ t.no_payments }</p> };
    }
    html! {
        <ul class="list" id="dues-payments">{ for payments.iter().map(|p| {
            let span = match (&p.first_month, &p.last_month) {
                (Some(a), Some(b)) if a == b => (t.month_label)(a),
                (Some(a), Some(b)) => format!("{}–{}", (t.month_label)(a), (t.month_label)(b)),
                _ => t.voluntary_total.to_string(),
            };
            html! {
                <li class="sync-row" data-payment={p.id.to_string()}>
                    <span class="list-row">
                        <span class="list-title">{ format!("{} · {}", span, (t.yuan)(&p.amount)) }</span>
                        <a class="button secondary receipt" href={crate::api::dues::receipt_href(p.id)} target="_blank" rel="noopener">{ t.receipt }</a>
                    </span>
                    <span class="list-sub">
                        { format!("{} · {} · {}", p.paid_on, p.method_label, p.receipt_number) }
                        if p.voluntary != "0.00" { { format!(" · {} {}", t.voluntary_total, (t.yuan)(&p.voluntary)) } }
                        if p.remit_central { <span class="tag">{ t.remit_central }</span> }
                        if p.unallocated != "0.00" { { format!(" · {} {}", t.to_refund, (t.yuan)(&p.unallocated)) } }
                    </span>
                    if let Some(note) = &p.note { <span class="list-meta">{ note.clone() }</span> }
                </li>
            }
        }) }</ul>
    }
}
