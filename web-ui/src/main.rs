//! 智慧党建平台 web UI: a phone-first single-page app on top of `/api/v1`.

mod api;
mod app;
mod areas;
mod components;
mod i18n;
mod pages;
mod router;
mod routes;
mod state;

fn main() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        // Keep what was typed into the shell's login form (web-ui/shell/login.html).
        let value = |name: &str| {
            use wasm_bindgen::JsCast;
            boot.query_selector(&format!("input[name={name}]"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default()
        };
        let typed = (value("login"), value("password"));
        pages::login::TYPED_IN_SHELL.with(|t| *t.borrow_mut() = typed);
        boot.remove();
    }
    // Into its own element: the offline notice next to it stays.
    match web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}
