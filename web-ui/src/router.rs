//! Navigation inside the app: the current location lives in a context, moving uses
//! `history.pushState`, and the back button (`popstate`) updates the context. Pages use
//! `use_navigator`, `use_location`, `use_route` and `<Link>`.

use std::rc::Rc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::routes::Route;

/// The address in the browser's address bar (origin left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub path: String,
    /// The query string without its `?` (empty when there is none).
    pub query: String,
}

impl Location {
    fn current() -> Location {
        let location = web_sys::window().map(|w| w.location());
        let part = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
            location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
        };
        let search = part(web_sys::Location::search);
        Location { path: part(web_sys::Location::pathname), query: search.trim_start_matches('?').to_string() }
    }

    /// The query string read into the page's typed query.
    pub fn query<T: DeserializeOwned>(&self) -> Option<T> {
        serde_urlencoded::from_str(&self.query).ok()
    }

    /// Path and query, as typed into the address bar.
    pub fn href(&self) -> String {
        if self.query.is_empty() { self.path.clone() } else { format!("{}?{}", self.path, self.query) }
    }
}

/// A typed query encoded as a query string without `?` (absent fields left out).
pub fn query_string<Q: Serialize>(query: &Q) -> String {
    serde_urlencoded::to_string(query).unwrap_or_default()
}

/// `route` with `query` as its query string.
pub fn href_with<Q: Serialize>(route: &Route, query: &Q) -> String {
    with_query(route, &query_string(query))
}

fn with_query(route: &Route, query: &str) -> String {
    if query.is_empty() { route.to_path() } else { format!("{}?{query}", route.to_path()) }
}

#[derive(Clone, PartialEq)]
pub struct Navigator {
    moved: Callback<Location>,
}

impl Navigator {
    pub fn push(&self, route: &Route) {
        self.go(&route.to_path(), false);
    }

    pub fn push_with_query<Q: Serialize>(&self, route: &Route, query: &Q) {
        self.go(&href_with(route, query), false);
    }

    pub fn replace_with_query<Q: Serialize>(&self, route: &Route, query: &Q) {
        self.go(&href_with(route, query), true);
    }

    /// A same-site address with its query (`/members?q=王`), e.g. where the login returns to.
    pub fn push_href(&self, href: &str) {
        self.go(href, false);
    }

    fn go(&self, href: &str, replace: bool) {
        let Some(window) = web_sys::window() else { return };
        if let Ok(history) = window.history() {
            let null = wasm_bindgen::JsValue::NULL;
            let _ = if replace {
                history.replace_state_with_url(&null, "", Some(href))
            } else {
                history.push_state_with_url(&null, "", Some(href))
            };
        }
        if !replace {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.moved.emit(Location::current());
    }
}

#[derive(Clone, PartialEq)]
struct RouterContext {
    location: Rc<Location>,
    navigator: Navigator,
}

#[derive(Properties, PartialEq)]
pub struct RouterProps {
    pub children: Html,
}

#[component]
pub fn Router(props: &RouterProps) -> Html {
    let location = use_state(|| Rc::new(Location::current()));
    {
        let location = location.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || location.set(Rc::new(Location::current())));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    let navigator = {
        let location = location.clone();
        Navigator { moved: Callback::from(move |now: Location| location.set(Rc::new(now))) }
    };
    let context = RouterContext { location: (*location).clone(), navigator };
    html! {
        <ContextProvider<RouterContext> {context}>{ props.children.clone() }</ContextProvider<RouterContext>>
    }
}

#[hook]
fn use_router() -> RouterContext {
    use_context::<RouterContext>().expect("inside <Router>")
}

#[hook]
pub fn use_navigator() -> Navigator {
    use_router().navigator
}

#[hook]
pub fn use_location() -> Rc<Location> {
    use_router().location
}

#[hook]
pub fn use_route() -> Route {
    Route::recognize(&use_router().location.path)
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    /// An encoded query string without `?` (see `href_with`).
    #[prop_or_default]
    pub query: Option<String>,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A link inside the app: a real `<a href>` (open in a new tab works), followed without
/// reloading the page on a plain click.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let navigator = use_navigator();
    let href = with_query(&props.to, props.query.as_deref().unwrap_or_default());
    let onclick = {
        let href = href.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
                e.prevent_default();
                navigator.push_href(&href);
            }
        })
    };
    html! { <a {href} class={props.classes.clone()} {onclick}>{ props.children.clone() }</a> }
}
