//! Routes, the session/language providers, and the login guard.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::area_view::AreaView;
use crate::components::layout::Layout;
use crate::components::states::Skeleton;
use crate::pages;
use crate::router::{Router, use_location, use_navigator, use_route};
use crate::routes::{NextQuery, Route};
use crate::state::{Session, SessionAction, TextsHandle, use_session, use_texts};

#[component]
pub fn App() -> Html {
    let session = use_reducer(Session::default);
    let texts: TextsHandle = use_state(crate::i18n::stored);
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                // A reload keeps the session: the cookie is still there, so /me answers.
                match crate::api::me_at_start().await {
                    Ok(me) => session.dispatch(SessionAction::Checked(Some(me))),
                    Err(e) if e.status == 0 => session.dispatch(SessionAction::Unreachable),
                    Err(_) => session.dispatch(SessionAction::Checked(None)),
                }
            });
            || ()
        });
    }
    html! {
        <ContextProvider<TextsHandle> context={texts}>
            <ContextProvider<crate::state::SessionHandle> context={session}>
                <Router><Pages /></Router>
            </ContextProvider<crate::state::SessionHandle>>
        </ContextProvider<TextsHandle>>
    }
}

#[component]
fn Pages() -> Html {
    match use_route() {
        Route::Login => html! { <pages::login::LoginPage /> },
        // The approver's SMS link works without a session: no login guard, no menu.
        sms @ Route::SmsApproval { .. } => html! { <Public route={sms} /> },
        other => html! { <Guarded route={other} /> },
    }
}

#[derive(Properties, PartialEq)]
struct GuardedProps {
    route: Route,
}

/// Pages behind login: an unknown or expired session goes to the login page, which returns
/// here afterwards.
#[component]
fn Guarded(props: &GuardedProps) -> Html {
    let session = use_session();
    let texts = use_texts();
    let navigator = use_navigator();
    let location = use_location();
    let must_login = session.checked && session.me.is_none() && !session.unreachable;
    use_effect_with(must_login, move |must_login| {
        if *must_login {
            navigator.replace_with_query(&Route::Login, &NextQuery { next: Some(location.href()) });
        }
        || ()
    });
    if session.unreachable {
        let reload = Callback::from(|_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        return html! {
            <div class="shell">
                <header class="topbar"><span class="brand">{ texts.app_name }</span></header>
                <main class="content">
                    <div class="state error" role="alert">
                        <p>{ texts.offline_start }</p>
                        <button class="button secondary" onclick={reload}>{ texts.retry }</button>
                    </div>
                </main>
            </div>
        };
    }
    if !session.checked || session.me.is_none() {
        // The page frame and skeleton at once; the area's code is already on its way (index.html
        // preloads it for the route being opened).
        return html! {
            <div class="shell">
                <header class="topbar"><span class="brand">{ texts.app_name }</span></header>
                <main class="content"><Skeleton /></main>
            </div>
        };
    }
    let page = match &props.route {
        Route::Home => html! { <pages::home::HomePage /> },
        Route::Login | Route::NotFound => html! { <div class="card"><h2>{ texts.not_found }</h2></div> },
        area => html! { <AreaView route={area.clone()} /> },
    };
    html! { <Layout>{ page }</Layout> }
}

/// A page anyone with its link may open: the app's header and the area, nothing else.
#[component]
fn Public(props: &GuardedProps) -> Html {
    let texts = use_texts();
    html! {
        <div class="shell public">
            <header class="topbar"><span class="brand">{ texts.app_name }</span></header>
            <main class="content"><AreaView route={props.route.clone()} /></main>
        </div>
    }
}
