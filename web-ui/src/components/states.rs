//! Loading, empty and error states, the same everywhere.

use yew::prelude::*;

use crate::api::ApiError;
use crate::components::load::Load;
use crate::state::use_texts;

#[component]
pub fn Loading() -> Html {
    let texts = use_texts();
    html! { <div class="state loading" role="status"><span class="spinner"></span>{ texts.loading }</div> }
}

/// The grey outline of a page while its code or data is on the way (the same as the page
/// shell in index.html, so nothing jumps when the app takes over).
#[component]
pub fn Skeleton() -> Html {
    let texts = use_texts();
    html! {
        <>
            <div class="card skeleton" aria-busy="true">
                <div class="skeleton-line w40"></div><div class="skeleton-line"></div><div class="skeleton-line w80"></div>
            </div>
            <div class="card skeleton" aria-busy="true">
                <div class="skeleton-line w60"></div><div class="skeleton-line"></div><div class="skeleton-line w40"></div>
            </div>
            <p class="boot-status" role="status">{ texts.loading }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmptyProps {
    pub text: AttrValue,
}

#[component]
pub fn Empty(props: &EmptyProps) -> Html {
    html! { <div class="state empty">{ props.text.clone() }</div> }
}

#[derive(Properties, PartialEq)]
pub struct ErrorBoxProps {
    pub error: ApiError,
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

#[component]
pub fn ErrorBox(props: &ErrorBoxProps) -> Html {
    let texts = use_texts();
    let retry = props.on_retry.clone().map(|cb| {
        html! {
            <button class="button secondary" onclick={move |_| cb.emit(())}>{ texts.retry }</button>
        }
    });
    html! { <div class="state error" role="alert"><p>{ props.error.body.message.clone() }</p>{ for retry }</div> }
}

/// Renders a `Load`: spinner, error with retry, or the content.
pub fn render<T>(load: &Load<T>, retry: &Callback<()>, content: impl FnOnce(&T) -> Html) -> Html {
    match load {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => html! { <ErrorBox error={error.clone()} on_retry={Some(retry.clone())} /> },
        Load::Ready(value) => content(value),
    }
}
