//! The frame around every page: header with role switcher, side menu on desktop, bottom tab
//! bar on phones.

use shared::permissions::{self, Action};
use shared::{RoleAssignmentId, RoleKind};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::HtmlSelectElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::load::use_load;
use crate::router::{Link, use_navigator, use_route};
use crate::routes::Route;
use crate::state::{SessionAction, TextsHandle, use_session, use_texts};

const UNREAD_CHANGED: &str = "dj-unread-changed";

/// Tells the header that notifications were marked read, so the badge is counted again.
pub fn unread_changed() {
    if let (Some(w), Ok(event)) = (web_sys::window(), web_sys::Event::new(UNREAD_CHANGED)) {
        let _ = w.dispatch_event(&event);
    }
}

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

/// A menu entry: where it goes, its label, its icon.
type MenuItem = (Route, fn(&crate::i18n::Texts) -> &'static str, &'static str);

/// The menu entries for the active role, from the shared permission table (the same one the
/// API enforces).
fn menu(kind: RoleKind, person: Option<i64>) -> Vec<MenuItem> {
    let mut items = vec![(Route::Home, (|t: &crate::i18n::Texts| t.nav_home) as fn(&_) -> _, "⌂")];
    if permissions::manages(kind, Action::ViewMembers) {
        items.push((Route::OrgRoot, |t| t.nav_orgs, "☰"));
        items.push((Route::Members, |t| t.nav_members, "◉"));
    }
    if permissions::may(kind, Action::RunMeetings) || permissions::may(kind, Action::AttendMeetings) {
        items.push((Route::Meetings, |t| t.nav_meetings, "◷"));
    }
    if permissions::may(kind, Action::ViewDevelopment) {
        items.push((Route::Development, |t| t.nav_dev, "★"));
    }
    // 党费: the branch lands on its ledger, 党委 and 政工部门 on the collection report, a member
    // on their own dues.
    if permissions::manages(kind, Action::ViewDues) {
        let target = if kind == RoleKind::Branch { Route::DuesLedger } else { Route::DuesCollection };
        items.push((target, |t| t.nav_dues, "¥"));
    } else if permissions::may(kind, Action::PayDues) {
        items.push((Route::DuesMine, |t| t.nav_dues, "¥"));
    }
    // 组织关系转接: a member's own cases, the officials' desk queues.
    if permissions::may(kind, Action::ViewTransfers) {
        items.push((Route::Transfers, |t| t.nav_transfers, "⇆"));
    }
    // 请示/批复 and the 档案 of archived requests.
    if permissions::may(kind, Action::HandleRequests) {
        items.push((Route::Requests, |t| t.nav_requests, "✎"));
    }
    if permissions::may(kind, Action::ViewArchive) {
        items.push((Route::Archive, |t| t.nav_archive, "▤"));
    }
    // 支部委员会与选举: the branch's committee and elections, the subtree's terms.
    if permissions::may(kind, Action::RunElections) {
        items.push((Route::Elections, |t| t.nav_elections, "☑"));
    }
    // 数据看板 and 党内统计报表 of the subtree.
    if permissions::may(kind, Action::ViewStatistics) {
        items.push((Route::Dashboard, |t| t.nav_dashboard, "▦"));
        items.push((Route::Statistics, |t| t.nav_statistics, "▥"));
    }
    if permissions::may(kind, Action::RunHrSync) {
        items.push((Route::Hr, |t| t.nav_hr, "⇅"));
    }
    if permissions::may(kind, Action::ViewAlerts) {
        items.push((Route::Alerts, |t| t.nav_alerts, "⚑"));
    }
    if permissions::may(kind, Action::SendNotices) {
        items.push((Route::NoticeNew, |t| t.nav_notices, "✉"));
    }
    if permissions::may(kind, Action::ManageOutbox) {
        items.push((Route::Outbox, |t| t.nav_outbox, "⇄"));
    }
    if let Some(id) = person {
        items.push((Route::Member { id }, |t| t.nav_mine, "☺"));
    }
    items
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let session = use_session();
    let texts = use_texts();
    let texts_handle = use_context::<TextsHandle>().expect("texts");
    let navigator = use_navigator();
    let route = use_route();
    let Some(me) = session.me.clone() else { return html! {} };

    let on_switch = {
        let session = session.clone();
        let navigator = navigator.clone();
        Callback::from(move |e: Event| {
            let id: i64 = e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or_default();
            let session = session.clone();
            let navigator = navigator.clone();
            spawn_local(async move {
                match crate::api::switch_role(RoleAssignmentId(id)).await {
                    Ok(me) => {
                        session.dispatch(SessionAction::Switched(me));
                        navigator.push(&Route::Home);
                    }
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    Err(_) => {}
                }
            });
        })
    };
    let on_logout = {
        let session = session.clone();
        Callback::from(move |_| {
            let confirmed =
                web_sys::window().and_then(|w| w.confirm_with_message(texts.logout_confirm).ok()).unwrap_or(true);
            if !confirmed {
                return;
            }
            let session = session.clone();
            spawn_local(async move {
                let _ = crate::api::logout().await;
                session.dispatch(SessionAction::LoggedOut);
            });
        })
    };
    let on_language = Callback::from(move |_| {
        let next = if texts_handle.lang_code == "zh" { &crate::i18n::EN } else { &crate::i18n::ZH };
        crate::i18n::store(next);
        texts_handle.set(next);
    });

    let items = menu(me.active_role.kind, me.person_id.map(|p| p.0));
    // The unread count, asked again on every page change (one indexed count) and when a page
    // says it changed (`unread_changed`).
    let changes = use_state(|| 0u32);
    {
        let changes = changes.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || changes.set(*changes + 1));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(UNREAD_CHANGED, listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(UNREAD_CHANGED, listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    let (unread, _) = use_load((route.to_path(), *changes), |_| crate::api::notify::unread_count());
    let unread = match &*unread {
        crate::components::load::Load::Ready(n) if *n > 0 => {
            Some(if *n > 99 { "99+".to_string() } else { n.to_string() })
        }
        _ => None,
    };
    let nav_links = |class: &'static str| -> Html {
        html! {
            <nav class={class}>
                { for items.iter().map(|(target, label, icon)| {
                    let active = route == *target;
                    html! {
                        <Link to={target.clone()} classes={classes!("nav-item", active.then_some("active"))}>
                            <span class="nav-icon" aria-hidden="true">{ *icon }</span>
                            <span class="nav-label">{ label(texts) }</span>
                        </Link>
                    }
                }) }
            </nav>
        }
    };
    html! {
        <div class="shell">
            <header class="topbar">
                <span class="brand">{ texts.app_name }</span>
                <label class="role-switch">
                    <span class="visually-hidden">{ texts.active_role }</span>
                    <select id="role-switcher" onchange={on_switch} aria-label={texts.active_role}>
                        { for me.roles.iter().map(|r| html! {
                            <option value={r.id.0.to_string()} selected={r.id == me.active_role.id}>
                                { format!("{} · {}", r.kind.label(), r.org_name) }
                            </option>
                        }) }
                    </select>
                </label>
                <Link to={Route::Notifications} classes="bell">
                    <svg class="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"/>
                    </svg>
                    <span class="visually-hidden">{ texts.messages }</span>
                    if let Some(n) = unread {
                        <span class="badge" id="unread-badge">{ n }</span>
                    }
                </Link>
                <button class="link-button" onclick={on_language}>{ texts.other_language }</button>
                <button class="link-button" id="logout" onclick={on_logout}>{ texts.logout }</button>
            </header>
            { nav_links("sidenav") }
            <main class="content">{ props.children.clone() }</main>
            { nav_links("tabbar") }
        </div>
    }
}
