//! Placeholder entry point: the SPA proper is built on top of this in the web-UI issue.
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! { <main><h1>{ "智慧党建平台" }</h1></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
