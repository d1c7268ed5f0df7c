//! One member's dues for the branch: what the member sees, and (for whoever may manage dues)
//! recording a payment, changing the base with the monthly amount shown as it is typed, the
//! consent to pay by the quarter, a reason for each unpaid month, and applying for 减免 on the
//! member's behalf.

use shared::RoleKind;
use shared::api::dues::{MemberDues, MonthView, PaymentInput, PaymentView};
use shared::permissions::{self, Action};
use web_sys::SubmitEvent;
use yew::prelude::*;

use super::{add_yuan, field_error, problem, text};
use crate::api::ApiError;
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::dues::{of, reductions_of};
use crate::router::{Link, query_string};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `dues_member` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::DuesMember { id } => html! { <MemberDuesPage id={*id} /> },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
struct IdProps {
    id: i64,
}

#[component]
fn MemberDuesPage(props: &IdProps) -> Html {
    let t = of(use_texts());
    let session = use_session();
    let kind = session.me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    let manage = permissions::manages(kind, Action::ManageDues);
    let (loaded, retry) = use_load(props.id, crate::api::dues::member);
    let update = {
        let loaded = loaded.clone();
        Callback::from(move |d: MemberDues| loaded.set(Load::Ready(d)))
    };
    html! {
        <div class="page dues-member">
            if permissions::manages(kind, Action::ViewDues) {
                <Link to={Route::DuesLedger} classes="breadcrumb">{ "‹ " }{ t.back_to_ledger }</Link>
            }
            { render(&loaded, &retry, |d| html! {
                <>
                    <section class="card" id="dues-summary">
                        <h1 class="page-title" id="dues-member-name">{ d.name.clone() }<span class="tag">{ d.org_name.clone() }</span></h1>
                        { super::summary(t, d) }
                    </section>
                    if manage { <PaymentForm dues={d.clone()} on_done={update.clone()} /> }
                    <section class="card">
                        <h2>{ t.standard }</h2>
                        { super::standard(t, d.current.as_ref(), Html::default()) }
                        if d.bases.len() > 1 {
                            <details class="filter-more">
                                <summary>{ t.bases }</summary>
                                <ul class="list">{ for d.bases.iter().map(|b| html! {
                                    <li class="list-row">
                                        <span>{ format!("{} · {} · {}", (t.month_label)(&b.effective_month), b.category_label, b.base) }</span>
                                        <span class="list-sub">{ (t.yuan)(&b.monthly) }</span>
                                    </li>
                                }) }</ul>
                            </details>
                        }
                    </section>
                    if manage {
                        <super::member_base::BaseForm person={d.person_id.0} current={d.current.clone()} on_done={update.clone()} />
                        <Quarterly person={d.person_id.0} allowed={d.quarterly} on_done={update.clone()} />
                        <BranchReduction person={d.person_id.0} standard={d.current.as_ref().map(|b| b.monthly.clone())} />
                    }
                    <Months dues={d.clone()} {manage} on_done={update.clone()} />
                    <section class="card">
                        <h2>{ t.payments }</h2>
                        { super::payments(t, &d.payments) }
                    </section>
                </>
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    dues: MemberDues,
    on_done: Callback<MemberDues>,
}

/// The option through this month if offered, else the first.
fn default_through(d: &MemberDues) -> String {
    let now = super::this_month();
    let options = &d.pay_through_options;
    options
        .iter()
        .find(|o| o.through_month == now)
        .or(options.first())
        .map(|o| o.through_month.clone())
        .unwrap_or_default()
}

/// 登记交纳: through which month, cash or transfer, on which day, any voluntary extra; asks
/// before it records. A party rule that refuses it (补交超过 6 个月 …) is shown with its text.
#[component]
fn PaymentForm(props: &FormProps) -> Html {
    let texts = use_texts();
    let t = of(texts);
    let d = &props.dues;
    let through = use_state(|| default_through(d));
    let method = use_state(|| "cash".to_string());
    let paid_on = use_state(crate::pages::members::edit::today_string);
    let voluntary = use_state(String::new);
    let note = use_state(String::new);
    let saved = use_state(|| None::<String>);
    let run = {
        let person = d.person_id;
        let input = shared::time::parse_date(&paid_on).map(|paid_on| PaymentInput {
            person_id: person,
            through_month: text(&through),
            method: (*method).clone(),
            paid_on,
            voluntary: text(&voluntary),
            note: text(&note),
        });
        let bad_date = texts.date_format_hint;
        move || {
            let input = input.clone();
            async move {
                let input = input.ok_or_else(|| ApiError::local(bad_date))?;
                let payment = crate::api::dues::record_payment(&input).await?;
                Ok((payment, crate::api::dues::member(person.0).await?))
            }
        }
    };
    let done = {
        let (through, voluntary, note, saved, on_done) =
            (through.clone(), voluntary.clone(), note.clone(), saved.clone(), props.on_done.clone());
        Callback::from(move |(payment, dues): (PaymentView, MemberDues)| {
            saved.set(Some((t.payment_saved)(&payment.receipt_number)));
            through.set(default_through(&dues));
            voluntary.set(String::new());
            note.set(String::new());
            on_done.emit(dues);
        })
    };
    let (submit, busy, error) = use_submit(run, done);
    let dues_amount = d.pay_through_options.iter().find(|o| o.through_month == *through).map(|o| o.amount.clone());
    let total = add_yuan(dues_amount.as_deref().unwrap_or("0"), &voluntary);
    let method_label = |m: &str| if m == "transfer" { t.transfer } else { t.cash };
    let onsubmit = {
        let (submit, saved) = (submit.clone(), saved.clone());
        let question = (t.payment_confirm)(&d.name, text(&through).as_deref(), &total, method_label(&method));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let yes = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
            if yes {
                saved.set(None);
                submit.emit(());
            }
        })
    };
    let mut options: Vec<(String, String)> = d
        .pay_through_options
        .iter()
        .map(|o| (o.through_month.clone(), (t.option)(&o.through_month, o.months, &o.amount)))
        .collect();
    options.push((String::new(), t.voluntary_only.to_string()));
    let methods = vec![("cash".to_string(), t.cash.to_string()), ("transfer".to_string(), t.transfer.to_string())];
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <form class="card form" id="payment-form" novalidate=true {onsubmit}>
            <h2>{ t.record_payment }</h2>
            if d.pay_through_options.is_empty() && d.owed != "0.00" {
                <p class="notice">{ t.too_far_behind }</p>
            }
            <div class="form-grid">
                <SelectField label={t.pay_through} name="through_month" {options} value={(*through).clone()} onchange={set(&through)} error={field_error(&error, "through_month")} />
                <SelectField label={t.method} name="method" options={methods} value={(*method).clone()} onchange={set(&method)} error={field_error(&error, "method")} />
                <TextField label={t.paid_on} name="paid_on" input_type="date" value={(*paid_on).clone()} oninput={set(&paid_on)} error={field_error(&error, "paid_on")} />
                <TextField label={t.voluntary} name="voluntary" value={(*voluntary).clone()} inputmode={Some(AttrValue::Static("decimal"))} oninput={set(&voluntary)} error={field_error(&error, "voluntary")} />
                <TextField label={t.note} name="note" value={(*note).clone()} oninput={set(&note)} error={field_error(&error, "note")} />
            </div>
            <p class="pay-total" id="payment-total">{ format!("{}：{}", t.total, (t.yuan)(&total)) }</p>
            { problem(&error, "payment-error") }
            if let Some(message) = &*saved { <p class="notice ok" role="status" id="payment-saved">{ message.clone() }</p> }
            <div class="form-actions">
                <button class="button primary" type="submit" id="record-payment" disabled={*busy}>{ t.record }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct QuarterlyProps {
    person: i64,
    allowed: bool,
    on_done: Callback<MemberDues>,
}

/// The branch's consent to pay by the quarter.
#[component]
fn Quarterly(props: &QuarterlyProps) -> Html {
    let t = of(use_texts());
    let run = {
        let (person, allowed) = (props.person, !props.allowed);
        move || crate::api::dues::set_quarterly(person, allowed)
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    html! {
        <section class="card">
            <label class="check">
                <input type="checkbox" id="quarterly" checked={props.allowed} disabled={*busy} onchange={move |_| submit.emit(())} />
                { t.quarterly }
            </label>
            <p class="muted">{ t.quarterly_hint }</p>
            { problem(&error, "quarterly-error") }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct MonthsProps {
    dues: MemberDues,
    manage: bool,
    on_done: Callback<MemberDues>,
}

/// The months, each unpaid one with 记录原因 for the branch (an empty reason clears it).
#[component]
fn Months(props: &MonthsProps) -> Html {
    let texts = use_texts();
    let t = of(texts);
    let editing = use_state(|| None::<String>);
    let reason = use_state(String::new);
    let run = {
        let (person, month, reason) = (props.dues.person_id.0, (*editing).clone().unwrap_or_default(), text(&reason));
        move || {
            let (month, reason) = (month.clone(), reason.clone());
            async move { crate::api::dues::set_reason(person, &month, reason).await }
        }
    };
    let done = {
        let (editing, on_done) = (editing.clone(), props.on_done.clone());
        Callback::from(move |d: MemberDues| {
            editing.set(None);
            on_done.emit(d);
        })
    };
    let (submit, busy, error) = use_submit(run, done);
    let extra = |m: &MonthView| -> Html {
        if !props.manage || m.status == "paid" {
            return Html::default();
        }
        if editing.as_deref() == Some(m.month.as_str()) {
            let cancel = {
                let editing = editing.clone();
                Callback::from(move |_| editing.set(None))
            };
            return html! {
                <form class="reason-form" id="reason-form" novalidate=true onsubmit={on_submit(&submit)}>
                    <TextField label={t.reason} name="reason" value={(*reason).clone()} placeholder={t.reason_hint}
                        oninput={let s = reason.clone(); Callback::from(move |v| s.set(v))} error={field_error(&error, "reason")} />
                    { problem(&error, "reason-error") }
                    <div class="form-actions">
                        <button class="button secondary" type="button" onclick={cancel}>{ texts.cancel }</button>
                        <button class="button primary" type="submit" disabled={*busy}>{ t.save }</button>
                    </div>
                </form>
            };
        }
        let open = {
            let (editing, reason, month, now) =
                (editing.clone(), reason.clone(), m.month.clone(), m.arrears_reason.clone());
            Callback::from(move |_| {
                reason.set(now.clone().unwrap_or_default());
                editing.set(Some(month.clone()));
            })
        };
        html! { <button class="link-button record-reason" onclick={open}>{ t.record_reason }</button> }
    };
    html! {
        <section class="card">
            <h2>{ t.months }</h2>
            { super::months(t, &props.dues.months, &extra) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReductionProps {
    person: i64,
    standard: Option<String>,
}

/// 减免党费 filed by the branch for the member (then studied like the member's own); the cases
/// are decided on the 减免审批 page.
#[component]
fn BranchReduction(props: &ReductionProps) -> Html {
    let r = reductions_of(use_texts());
    let apply =
        query_string(&super::reductions::NewUrl { person_id: Some(props.person), standard: props.standard.clone() });
    html! {
        <section class="card" id="branch-reduction">
            <div class="card-head">
                <h2>{ r.title }</h2>
                <span id="reduction-start">
                    <Link to={Route::DuesReductionNew} query={apply} classes="button secondary">{ r.apply_for }</Link>
                </span>
            </div>
            <Link to={Route::DuesReductions} classes="more-link">{ r.decisions }</Link>
        </section>
    }
}
