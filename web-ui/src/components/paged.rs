//! `use_paged`: a list read page by page with "load more", the one paging pattern of the app
//! (no page is silently cut at the server's limit). Errors are shown, and the session-expired
//! redirect is handled here once.

use std::future::Future;
use std::rc::Rc;

use shared::api::Page;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::states::{ErrorBox, Loading};
use crate::state::{SessionAction, use_session, use_texts};

#[derive(Debug, Clone, PartialEq)]
pub struct PagedState<T> {
    pub items: Vec<T>,
    /// The total the server counted, when it does.
    pub total: Option<i64>,
    pub next: Option<String>,
    pub loading: bool,
    pub error: Option<ApiError>,
}

impl<T> Default for PagedState<T> {
    fn default() -> Self {
        PagedState { items: Vec::new(), total: None, next: None, loading: true, error: None }
    }
}

/// The list so far and the callback that loads the next page.
#[derive(Clone, PartialEq)]
pub struct Paged<T: PartialEq> {
    pub state: UseStateHandle<PagedState<T>>,
    pub load_more: Callback<()>,
}

type Fetch<D, T> = Rc<dyn Fn(D, Option<String>) -> std::pin::Pin<Box<dyn Future<Output = Result<Page<T>, ApiError>>>>>;

/// Loads the first page whenever `deps` change; `fetch(deps, cursor)` reads one page.
#[hook]
pub fn use_paged<T, D, F, Fut>(deps: D, fetch: F) -> Paged<T>
where
    T: Clone + PartialEq + 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(D, Option<String>) -> Fut + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let state = use_state(PagedState::<T>::default);
    let session = use_session();
    let fetch: Rc<Fetch<D, T>> = use_memo((), move |_| -> Fetch<D, T> { Rc::new(move |d, c| Box::pin(fetch(d, c))) });
    // Only the latest request may fill the list: an answer to an older one (filters changed
    // while it was on the way) is dropped instead of overwriting the newer list.
    let latest = use_mut_ref(|| 0u32);
    let load = {
        let (state, session, fetch, latest) = (state.clone(), session.clone(), fetch.clone(), latest.clone());
        Rc::new(move |deps: D, cursor: Option<String>, previous: Vec<T>| {
            let (state, session) = (state.clone(), session.clone());
            state.set(PagedState { items: previous.clone(), loading: true, error: None, ..(*state).clone() });
            let future = (fetch)(deps, cursor);
            let ticket = {
                let mut latest = latest.borrow_mut();
                *latest = latest.wrapping_add(1);
                *latest
            };
            let latest = latest.clone();
            spawn_local(async move {
                let answer = future.await;
                if *latest.borrow() != ticket {
                    return;
                }
                match answer {
                    Ok(page) => {
                        let mut items = previous;
                        items.extend(page.items);
                        state.set(PagedState {
                            items,
                            total: page.total,
                            next: page.next_cursor,
                            loading: false,
                            error: None,
                        });
                    }
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    Err(e) => state.set(PagedState {
                        items: previous,
                        total: None,
                        next: None,
                        loading: false,
                        error: Some(e),
                    }),
                }
            });
        })
    };
    {
        let load = load.clone();
        use_effect_with(deps.clone(), move |deps| {
            load(deps.clone(), None, Vec::new());
            || ()
        });
    }
    let load_more = {
        let state = state.clone();
        Callback::from(move |_| {
            if let Some(cursor) = state.next.clone() {
                load(deps.clone(), Some(cursor), state.items.clone());
            }
        })
    };
    Paged { state, load_more }
}

#[derive(Properties, PartialEq)]
pub struct LoadMoreProps<T: PartialEq + 'static> {
    pub paged: Paged<T>,
}

/// Under a paged list: the spinner, the error with a retry, or the "load more" button (with how
/// many are shown of how many there are).
#[component]
pub fn LoadMore<T: Clone + PartialEq + 'static>(props: &LoadMoreProps<T>) -> Html {
    let texts = use_texts();
    let s = &*props.paged.state;
    let more = props.paged.load_more.clone();
    if let Some(error) = &s.error {
        return html! { <ErrorBox error={error.clone()} on_retry={Some(more)} /> };
    }
    if s.loading {
        return html! { <Loading /> };
    }
    let shown = match s.total {
        Some(total) => format!("{} / {}", s.items.len(), total),
        None => s.items.len().to_string(),
    };
    html! {
        if s.next.is_some() {
            <button class="button secondary wide load-more" onclick={move |_| more.emit(())}>
                { format!("{}（{shown}）", texts.load_more) }
            </button>
        }
    }
}
