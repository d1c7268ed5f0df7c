//! Login with username or phone and password.

use web_sys::SubmitEvent;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::fields::TextField;
use crate::router::{Navigator, use_location, use_navigator};
use crate::routes::{NextQuery, Route};
use crate::state::{SessionAction, use_session, use_texts};

thread_local! {
    /// What the user typed into the page shell's login form before the app took over.
    pub static TYPED_IN_SHELL: std::cell::RefCell<(String, String)> = Default::default();
}

/// Only same-site paths are followed after login.
fn safe_next(next: Option<String>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/login"))
}

/// Navigates to a path that may carry a query string (`/members?q=王`).
fn go_to(navigator: &Navigator, next: Option<&str>) {
    match next {
        Some(next) => navigator.push_href(next),
        None => navigator.push(&Route::Home),
    }
}

#[component]
pub fn LoginPage() -> Html {
    let texts = use_texts();
    let session = use_session();
    let navigator = use_navigator();
    let location = use_location();
    let next = safe_next(location.query::<NextQuery>().and_then(|q| q.next));
    let typed = TYPED_IN_SHELL.with(|t| t.take());
    let login = use_state(|| typed.0.clone());
    let password = use_state(|| typed.1.clone());
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    // Already logged in (e.g. after a reload): go on.
    {
        let navigator = navigator.clone();
        let next = next.clone();
        use_effect_with(session.me.is_some(), move |logged_in| {
            if *logged_in {
                go_to(&navigator, next.as_deref());
            }
            || ()
        });
    }

    let onsubmit = {
        let (login, password, error, busy, session) =
            (login.clone(), password.clone(), error.clone(), busy.clone(), session.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if login.trim().is_empty() || password.is_empty() {
                error.set(Some(texts.login_name_hint.to_string()));
                return;
            }
            busy.set(true);
            let (login, password, error, busy, session) =
                ((*login).clone(), (*password).clone(), error.clone(), busy.clone(), session.clone());
            spawn_local(async move {
                match crate::api::login(&login, &password).await {
                    Ok(response) => session.dispatch(SessionAction::LoggedIn(response.me)),
                    Err(e) => error.set(Some(e.body.message)),
                }
                busy.set(false);
            });
        })
    };
    let expired_notice =
        (session.expired && error.is_none()).then(|| html! { <p class="notice">{ texts.session_expired }</p> });
    html! {
        <div class="login-page">
            <form class="card login-card" {onsubmit} novalidate=true>
                <h1 class="login-brand">{ texts.app_name }</h1>
                <h2>{ texts.login_title }</h2>
                { for expired_notice }
                <TextField label={texts.login_name} name="login" value={(*login).clone()} autocomplete={Some(AttrValue::Static("username"))}
                    placeholder={texts.login_name_hint} oninput={let s = login.clone(); Callback::from(move |v| s.set(v))} />
                <TextField label={texts.password} name="password" input_type="password" value={(*password).clone()}
                    autocomplete={Some(AttrValue::Static("current-password"))}
                    oninput={let s = password.clone(); Callback::from(move |v| s.set(v))} />
                if let Some(message) = &*error {
                    <p class="form-error" role="alert" id="login-error">{ message.clone() }</p>
                }
                <button class="button primary wide" type="submit" disabled={*busy}>
                    { if *busy { texts.logging_in } else { texts.login_button } }
                </button>
            </form>
        </div>
    }
}
