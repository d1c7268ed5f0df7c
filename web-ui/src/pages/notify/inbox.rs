//! The notification centre on the phone: unread / all, each notice opens what it is about and
//! is marked read; mark all read; and the member's own notification settings.

use shared::NotificationId;
use shared::api::notify::{MyPreferences, NotificationView, PreferencesUpdate};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::fields::TextField;
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::{Empty, render};
use crate::i18n::notify::of;
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

#[component]
pub fn NotificationsPage() -> Html {
    let texts = use_texts();
    let t = of(texts);
    let unread_only = use_state(|| false);
    // Bumped to reload the list after marking.
    let generation = use_state(|| 0u32);
    let paged = use_paged((*unread_only, *generation), |(unread, _), cursor| crate::api::notify::list(unread, cursor));
    let navigator = use_navigator();
    let open = {
        let navigator = navigator.clone();
        Callback::from(move |n: NotificationView| {
            let navigator = navigator.clone();
            spawn_local(async move {
                if !n.read {
                    let _ = crate::api::notify::mark_read(vec![n.id], false).await;
                }
                if let Some(link) = n.link {
                    navigator.push_href(&link);
                }
            });
        })
    };
    let mark_all = {
        let generation = generation.clone();
        Callback::from(move |_| {
            let generation = generation.clone();
            spawn_local(async move {
                if crate::api::notify::mark_read(Vec::<NotificationId>::new(), true).await.is_ok() {
                    generation.set(*generation + 1);
                    crate::components::layout::unread_changed();
                }
            });
        })
    };
    let tab = |value: bool, label: &'static str| {
        let unread_only = unread_only.clone();
        let active = *unread_only == value;
        html! {
            <button class={classes!("chip", active.then_some("active"))} aria-pressed={active.to_string()}
                onclick={move |_| unread_only.set(value)}>{ label }</button>
        }
    };
    let s = &*paged.state;
    html! {
        <div class="page notifications">
            <h1 class="page-title">{ t.centre }</h1>
            <div class="toolbar">
                { tab(false, t.all) }
                { tab(true, t.unread_only) }
                <button class="button secondary" id="mark-all-read" onclick={mark_all}>{ t.mark_all_read }</button>
                <Link to={Route::NotificationSettings} classes="button secondary">{ t.my_settings }</Link>
            </div>
            if !s.loading && s.error.is_none() && s.items.is_empty() {
                <Empty text={if *unread_only { t.no_unread } else { t.no_notifications }} />
            }
            <ul class="list notification-list">
                { for s.items.iter().map(|n| {
                    let item = n.clone();
                    let open = open.clone();
                    html! {
                        <li class={classes!("notification", (!n.read).then_some("unread"))}>
                            <button class="list-button" onclick={move |_| open.emit(item.clone())}>
                                <span class="list-title">
                                    if !n.read { <span class="dot" aria-label={t.unread}></span> }
                                    { n.title.clone() }
                                </span>
                                <span class="list-sub">{ n.body.clone() }</span>
                                <span class="list-meta">{ shared::time::fmt_china(n.created_at) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <LoadMore<NotificationView> paged={paged.clone()} />
        </div>
    }
}

#[component]
pub fn MySettingsPage() -> Html {
    let texts = use_texts();
    let t = of(texts);
    let (loaded, retry) = use_load((), |_| crate::api::notify::preferences());
    html! {
        <div class="page notification-settings">
            <h1 class="page-title">{ t.my_settings }</h1>
            { render(&loaded, &retry, |prefs| html! { <PreferencesForm prefs={prefs.clone()} /> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PreferencesFormProps {
    prefs: MyPreferences,
}

#[component]
fn PreferencesForm(props: &PreferencesFormProps) -> Html {
    let t = of(use_texts());
    let email = use_state(|| props.prefs.email.clone().unwrap_or_default());
    let off = use_state(|| props.prefs.sms.iter().filter(|p| !p.sms).map(|p| p.template.clone()).collect::<Vec<_>>());
    let saved = use_state(|| false);
    let run = {
        let (email, off) = (email.clone(), off.clone());
        move || {
            let update = PreferencesUpdate { sms_opt_outs: (*off).clone(), email: Some((*email).clone()) };
            async move { crate::api::notify::save_preferences(&update).await }
        }
    };
    let done = {
        let saved = saved.clone();
        Callback::from(move |_| saved.set(true))
    };
    let (submit, busy, error) = use_submit(run, done);
    html! {
        <form class="card form" id="my-notification-settings" novalidate=true onsubmit={on_submit(&submit)}>
            <TextField label={t.email} name="email" input_type="email" value={(*email).clone()}
                oninput={let email = email.clone(); let saved = saved.clone(); Callback::from(move |v| { saved.set(false); email.set(v) })}
                error={super::field_error(&error, "email")} autocomplete="email" />
            <p class="muted">{ t.email_hint }</p>
            <fieldset class="checks">
                <legend>{ t.sms_kinds }</legend>
                { for props.prefs.sms.iter().map(|p| {
                    let key = p.template.clone();
                    let checked = p.mandatory || !off.contains(&key);
                    let toggle = {
                        let (off, saved) = (off.clone(), saved.clone());
                        Callback::from(move |_| {
                            let mut next = (*off).clone();
                            if let Some(i) = next.iter().position(|k| *k == key) { next.remove(i); } else { next.push(key.clone()); }
                            saved.set(false);
                            off.set(next);
                        })
                    };
                    html! {
                        <label class="check">
                            <input type="checkbox" name={p.template.clone()} checked={checked} disabled={p.mandatory} onchange={toggle} />
                            { p.title.clone() }
                            if p.mandatory { <span class="tag">{ t.mandatory }</span> }
                        </label>
                    }
                }) }
            </fieldset>
            if let Some(e) = &*error { if e.fields().is_empty() { <p class="form-error" role="alert">{ e.body.message.clone() }</p> } }
            <button class="button primary" type="submit" disabled={*busy}>{ t.save }</button>
            if *saved { <p class="notice ok" role="status">{ t.saved }</p> }
        </form>
    }
}
