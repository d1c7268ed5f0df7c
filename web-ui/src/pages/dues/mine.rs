//! 我的党费 on the phone: the standard (and confirming it), 党费交至, arrears, what is owed,
//! paying online through a chosen month (with a voluntary extra), applying for 减免 and the
//! cases with their step and history, the months and the payments with their receipts. Back from the payment page (`/dues?order=12`) the order is followed
//! until the provider's notification has made it paid.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use shared::api::PageQuery;
use shared::api::dues::{MemberDues, OrderInput, ReductionQuery, ReductionView};
use shared::error::ErrorCode;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{add_yuan, field_error, problem, text};
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::dues::{of, reductions_of};
use crate::router::{Link, query_string, use_location, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct OrderQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order: Option<String>,
}

#[component]
pub fn MyDuesPage() -> Html {
    let t = of(use_texts());
    let (loaded, retry) = use_load((), |_| crate::api::dues::mine());
    let order = use_location().query::<OrderQuery>().and_then(|q| q.order).and_then(|o| o.parse::<i64>().ok());
    let update = {
        let loaded = loaded.clone();
        Callback::from(move |d: MemberDues| loaded.set(Load::Ready(d)))
    };
    html! {
        <div class="page dues" id="my-dues">
            <h1 class="page-title">{ t.my_dues }</h1>
            if let Some(id) = order { <OrderStatus {id} on_paid={update.clone()} /> }
            { render(&loaded, &retry, |d| html! {
                <>
                    <section class="card" id="dues-summary">
                        <p class="muted">{ format!("{} · {}", d.name, d.org_name) }</p>
                        { super::summary(t, d) }
                    </section>
                    <section class="card">
                        <h2>{ t.standard }</h2>
                        { super::standard(t, d.current.as_ref(), match &d.current {
                            Some(b) if b.confirmed_at.is_none() => html! { <ConfirmBase id={b.id} version={b.version} on_done={update.clone()} /> },
                            _ => Html::default(),
                        }) }
                    </section>
                    <PayCard dues={d.clone()} />
                    <MyReductions person={d.person_id.0} standard={d.current.as_ref().map(|b| b.monthly.clone())} />
                    <section class="card">
                        <h2>{ t.months }</h2>
                        { super::months(t, &d.months, &|_| Html::default()) }
                    </section>
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
struct ConfirmProps {
    id: i64,
    version: i32,
    on_done: Callback<MemberDues>,
}

/// The member confirms the base the branch recorded (a newer edit in between is a 409).
#[component]
fn ConfirmBase(props: &ConfirmProps) -> Html {
    let t = of(use_texts());
    let run = {
        let (id, version) = (props.id, props.version);
        move || async move {
            crate::api::dues::confirm_base(id, version).await?;
            crate::api::dues::mine().await
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    html! {
        <>
            { problem(&error, "confirm-error") }
            <button class="button primary wide" id="confirm-base" disabled={*busy} onclick={move |_| submit.emit(())}>{ t.confirm }</button>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PayProps {
    dues: MemberDues,
}

/// Choose the month to pay through (and any voluntary extra), then go to the payment page.
#[component]
fn PayCard(props: &PayProps) -> Html {
    let t = of(use_texts());
    let navigator = use_navigator();
    let d = &props.dues;
    let first = d.pay_through_options.first().map(|o| o.through_month.clone()).unwrap_or_default();
    let through = use_state(|| first.clone());
    {
        // New options (after a payment): keep the choice if it is still offered.
        let through = through.clone();
        use_effect_with(d.pay_through_options.clone(), move |options| {
            if !options.iter().any(|o| o.through_month == *through) {
                through.set(first);
            }
            || ()
        });
    }
    let voluntary = use_state(String::new);
    let run = {
        let input = OrderInput { through_month: text(&through), voluntary: text(&voluntary) };
        move || {
            let input = input.clone();
            async move { crate::api::dues::create_order(&input).await }
        }
    };
    let done = Callback::from(move |order: shared::api::dues::OrderView| {
        // Back from the payment page, this page follows the order.
        navigator.replace_with_query(&Route::DuesMine, &OrderQuery { order: Some(order.id.to_string()) });
        if let (Some(url), Some(window)) = (order.pay_url, web_sys::window()) {
            let _ = window.location().set_href(&url);
        }
    });
    let (submit, busy, error) = use_submit(run, done);
    let body = if d.pay_through_options.is_empty() {
        let owes = d.owed != "0.00";
        html! { <p class="muted" id="nothing-due">{ if owes { t.too_far_behind } else { t.nothing_due } }</p> }
    } else {
        let options: Vec<(String, String)> = d
            .pay_through_options
            .iter()
            .map(|o| (o.through_month.clone(), (t.option)(&o.through_month, o.months, &o.amount)))
            .collect();
        let dues = d.pay_through_options.iter().find(|o| o.through_month == *through).map(|o| o.amount.as_str());
        let total = add_yuan(dues.unwrap_or("0"), &voluntary);
        let unavailable = !d.online_payment || error.as_ref().is_some_and(|e| e.body.code == ErrorCode::InvalidState);
        html! {
            <form class="form" id="pay-form" novalidate=true onsubmit={on_submit(&submit)}>
                <SelectField label={t.pay_through} name="through_month" options={options} value={(*through).clone()}
                    onchange={let s = through.clone(); Callback::from(move |v| s.set(v))} error={field_error(&error, "through_month")} />
                <TextField label={t.voluntary} name="voluntary" value={(*voluntary).clone()} inputmode={Some(AttrValue::Static("decimal"))}
                    oninput={let s = voluntary.clone(); Callback::from(move |v| s.set(v))} error={field_error(&error, "voluntary")} />
                <p class="pay-total" id="pay-total">{ format!("{}：{}", t.total, (t.yuan)(&total)) }</p>
                if unavailable {
                    <div class="notice" role="status" id="online-unavailable">{ t.online_unavailable }</div>
                } else {
                    { problem(&error, "pay-error") }
                    <button class="button primary wide" type="submit" id="pay-now" disabled={*busy}>{ t.pay_now }</button>
                }
            </form>
        }
    };
    html! {
        <section class="card" id="pay-card">
            <h2>{ t.pay }</h2>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OrderProps {
    id: i64,
    on_paid: Callback<MemberDues>,
}

#[derive(Clone, Copy, PartialEq)]
enum Follow {
    Waiting,
    Paid,
    Open,
}

/// Asks for the order every 2 s for a minute: paid (the provider's notification arrived), or
/// still open.
#[component]
fn OrderStatus(props: &OrderProps) -> Html {
    let t = of(use_texts());
    let state = use_state(|| Follow::Waiting);
    {
        let (state, on_paid) = (state.clone(), props.on_paid.clone());
        use_effect_with(props.id, move |id| {
            let (id, alive) = (*id, Rc::new(Cell::new(true)));
            state.set(Follow::Waiting);
            let running = alive.clone();
            spawn_local(async move {
                for _ in 0..30 {
                    if !running.get() {
                        return;
                    }
                    match crate::api::dues::order(id).await {
                        Ok(o) if o.status == "paid" => {
                            state.set(Follow::Paid);
                            if let Ok(d) = crate::api::dues::mine().await {
                                on_paid.emit(d);
                            }
                            return;
                        }
                        Ok(o) if o.status == "closed" => break,
                        Err(e) if e.status != 0 => break,
                        _ => {}
                    }
                    yew::platform::time::sleep(Duration::from_secs(2)).await;
                }
                if running.get() {
                    state.set(Follow::Open);
                }
            });
            move || alive.set(false)
        });
    }
    let (class, message) = match *state {
        Follow::Waiting => ("notice", t.order_waiting),
        Follow::Paid => ("notice ok", t.order_paid),
        Follow::Open => ("notice", t.order_open),
    };
    html! { <div {class} role="status" id="order-status">{ message }</div> }
}

#[derive(Properties, PartialEq)]
struct ReductionsProps {
    person: i64,
    standard: Option<String>,
}

/// 减免党费: the member's cases, newest first, each at its step with its history, and 申请减免
/// while none is open.
#[component]
fn MyReductions(props: &ReductionsProps) -> Html {
    let r = reductions_of(use_texts());
    let (loaded, retry) = use_load(props.person, |person| async move {
        let query =
            ReductionQuery { person_id: Some(person), include_finished: Some(true), page: PageQuery::first(100) };
        let mut mine = crate::api::dues::reductions(&query).await?.items;
        mine.reverse();
        Ok::<Vec<ReductionView>, crate::api::ApiError>(mine)
    });
    // Back from the application page (in the 减免 area, so this page stays small).
    let submitted = use_location().query::<super::reductions::DoneUrl>().unwrap_or_default().submitted.is_some();
    let apply = query_string(&super::reductions::NewUrl { person_id: None, standard: props.standard.clone() });
    let open = match &*loaded {
        Load::Ready(list) => Some(list.iter().any(|v| v.status.is_open())),
        _ => None,
    };
    html! {
        <section class="card" id="my-reductions">
            <div class="card-head">
                <h2>{ r.title }</h2>
                if open == Some(false) {
                    <span id="reduction-start">
                        <Link to={Route::DuesReductionNew} query={apply} classes="button secondary">{ r.apply }</Link>
                    </span>
                }
            </div>
            if submitted { <p class="notice ok" role="status" id="reduction-submitted">{ r.submitted }</p> }
            else if open == Some(true) { <p class="muted">{ r.open_case }</p> }
            { render(&loaded, &retry, |list| if list.is_empty() {
                html! { <p class="muted" id="no-reductions">{ r.no_cases }</p> }
            } else {
                html! {
                    <ul class="list" id="reduction-cases">{ for list.iter().map(|v| html! {
                        <li class="sync-row" key={v.id} data-case={v.id.to_string()} data-step={v.step.to_string()}>
                            { super::reduction::summary(r, v, false) }
                            <super::reduction::History id={v.id} version={v.version} open={v.status.is_open()} />
                        </li>
                    }) }</ul>
                }
            }) }
        </section>
    }
}
