//! `use_load`: fetch on mount and whenever the inputs change, with loading / error states,
//! a retry, and the session-expired redirect handled once for every page.

use std::future::Future;

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
