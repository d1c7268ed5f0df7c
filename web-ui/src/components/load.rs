//! `use_load`: fetch on mount and whenever the inputs change, with loading / error states,
//! a retry, and the session-expired redirect handled once for every page.

use std::future::Future;

use web_sys::SubmitEvent;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;
use crate::state::{SessionAction, use_session};

#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

#[hook]
pub fn use_load<T, D, F, Fut>(deps: D, fetch: F) -> (UseStateHandle<Load<T>>, Callback<()>)
where
    T: Clone + PartialEq + 'static,
    D: PartialEq + Clone + 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Load::Loading);
    let attempt = use_state(|| 0u32);
    let session = use_session();
    {
        let state = state.clone();
        use_effect_with((deps, *attempt), move |(deps, _)| {
            state.set(Load::Loading);
            let future = fetch(deps.clone());
            spawn_local(async move {
                match future.await {
                    Ok(value) => state.set(Load::Ready(value)),
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    Err(e) => state.set(Load::Failed(e)),
                }
            });
            || ()
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    (state, retry)
}

/// A form's `onsubmit` that stays on the page and runs `submit` (from `use_submit`).
pub fn on_submit(submit: &Callback<()>) -> Callback<SubmitEvent> {
    let submit = submit.clone();
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        submit.emit(());
    })
}

/// The write-side twin of `use_load`: `submit.emit(())` runs the request, `busy` is set while it
/// runs, and a failure lands in `error` (or, for an expired session, goes to the login page);
/// the result is handed to `done`.
#[hook]
pub fn use_submit<T, F, Fut>(
    run: F,
    done: Callback<T>,
) -> (Callback<()>, UseStateHandle<bool>, UseStateHandle<Option<ApiError>>)
where
    T: 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let session = use_session();
    let submit = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |_| {
            if *busy {
                return;
            }
            let (busy, error, session, done) = (busy.clone(), error.clone(), session.clone(), done.clone());
            busy.set(true);
            error.set(None);
            let future = run();
            spawn_local(async move {
                match future.await {
                    Ok(value) => done.emit(value),
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    (submit, busy, error)
}
