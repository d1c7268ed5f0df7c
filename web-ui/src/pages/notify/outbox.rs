//! The delivery log (政工部门): every queued message by status and channel, its attempts on
//! demand, and resending a failed one.

use shared::api::outbox::{OutboxDetail, OutboxMessageView, OutboxQuery};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::fields::SelectField;
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::i18n::notify::of;
use crate::router::Link;
use crate::routes::Route;
use crate::state::use_texts;

fn text(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_string())
}

#[component]
pub fn OutboxPage() -> Html {
    let t = of(use_texts());
    let status = use_state(String::new);
    let channel = use_state(String::new);
    let generation = use_state(|| 0u32);
    let open = use_state(|| None::<OutboxDetail>);
    let paged = use_paged(((*status).clone(), (*channel).clone(), *generation), |(status, channel, _), cursor| {
        let query = OutboxQuery {
            status: text(&status),
            channel: text(&channel),
            page: shared::api::PageQuery::after(50, cursor),
        };
        async move { crate::api::notify::outbox(&query).await }
    });
    let pick = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let show = |id: i64| {
        let open = open.clone();
        Callback::from(move |_| {
            let open = open.clone();
            spawn_local(async move {
                if let Ok(detail) = crate::api::notify::outbox_detail(id).await {
                    open.set(Some(detail));
                }
            });
        })
    };
    let resend = |id: i64| {
        let generation = generation.clone();
        Callback::from(move |_| {
            let confirmed =
                web_sys::window().and_then(|w| w.confirm_with_message(t.resend_confirm).ok()).unwrap_or(false);
            if !confirmed {
                return;
            }
            let generation = generation.clone();
            spawn_local(async move {
                if crate::api::notify::resend(id).await.is_ok() {
                    generation.set(*generation + 1);
                }
            });
        })
    };
    let status_label = |s: &str| match s {
        "delivered" => t.delivered,
        "dead" => t.dead,
        _ => t.pending,
    };
    let channel_label = |c: &str| match c {
        "sms" => t.sms,
        "email" => t.by_email,
        "in_app" => t.in_app,
        _ => "webhook",
    };
    let statuses = vec![
        (String::new(), t.all.to_string()),
        ("pending".into(), t.pending.into()),
        ("delivered".into(), t.delivered.into()),
        ("dead".into(), t.dead.into()),
    ];
    let channels = vec![
        (String::new(), t.all.to_string()),
        ("in_app".into(), t.in_app.into()),
        ("sms".into(), t.sms.into()),
        ("email".into(), t.by_email.into()),
    ];
    let s = &*paged.state;
    html! {
        <div class="page outbox">
            <h1 class="page-title">{ t.outbox }</h1>
            <div class="toolbar">
                <SelectField label={t.status} name="status" options={statuses} value={(*status).clone()} onchange={pick(&status)} />
                <SelectField label={t.channel} name="channel" options={channels} value={(*channel).clone()} onchange={pick(&channel)} />
                <Link to={Route::NotifySettings} classes="button secondary">{ t.service_settings }</Link>
            </div>
            <section class="card">
                if !s.loading && s.error.is_none() && s.items.is_empty() { <Empty text={t.no_messages} /> }
                <ul class="list" id="outbox-list">
                    { for s.items.iter().map(|m: &OutboxMessageView| html! {
                        <li>
                            <button class="list-button" onclick={show(m.id)}>
                                <span class="list-title">
                                    <span class={classes!("status-pill", m.status.clone())}>{ status_label(&m.status) }</span>
                                    { format!(" {} · {}", channel_label(&m.channel), m.recipient.clone().unwrap_or_default()) }
                                </span>
                                <span class="list-sub">{ m.summary.clone() }</span>
                                <span class="list-meta">
                                    { shared::time::fmt_china(m.created_at) }
                                    { format!(" · {} {}", t.attempts, m.attempts) }
                                    if let Some(id) = &m.provider_message_id { { format!(" · {} {id}", t.provider_id) } }
                                    if let Some(e) = &m.last_error { { format!(" · {e}") } }
                                    if let Some(at) = m.next_attempt_at { { format!(" · {} {}", t.next_attempt, shared::time::fmt_china(at)) } }
                                </span>
                            </button>
                            if m.status == "dead" {
                                <button class="button secondary" onclick={resend(m.id)}>{ t.resend }</button>
                            }
                            if open.as_ref().is_some_and(|d| d.message.id == m.id) {
                                <ol class="attempts">
                                    { for open.as_ref().map(|d| d.attempts.clone()).unwrap_or_default().iter().map(|a| html! {
                                        <li class="list-meta">
                                            { format!("#{} {} {}", a.attempt, shared::time::fmt_china(a.finished_at), if a.ok { "✓" } else { "✗" }) }
                                            { a.error.clone().map(|e| format!(" {e}")).unwrap_or_default() }
                                            { a.provider_message_id.clone().map(|p| format!(" {p}")).unwrap_or_default() }
                                        </li>
                                    }) }
                                </ol>
                            }
                        </li>
                    }) }
                </ul>
                <LoadMore<OutboxMessageView> paged={paged.clone()} />
            </section>
        </div>
    }
}
