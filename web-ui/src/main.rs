//! 智慧党建平台 web UI: a phone-first single-page app on top of `/api/v1`.

mod api;
mod app;
mod components;
mod i18n;
mod pages;
mod state;

fn main() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
