//! Shows the page of an area route. The first visit to an area downloads its code: until it
//! arrives the page skeleton stays on screen; a failed download offers to try again.

use std::cell::Cell;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::areas::{self, AreaLoadError};
use crate::components::states::Skeleton;
use crate::routes::Route;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub struct AreaViewProps {
    pub route: Route,
}

#[component]
pub fn AreaView(props: &AreaViewProps) -> Html {
    let texts = use_texts();
    let page = use_state(|| None::<Result<Html, AreaLoadError>>);
    // Answers for a route the user has already left are dropped.
    let latest = use_mut_ref(|| Cell::new(0u32));
    let retry = use_state(|| 0u32);
    {
        let page = page.clone();
        use_effect_with((props.route.clone(), *retry), move |(route, _)| {
            let id = latest.borrow().get().wrapping_add(1);
            latest.borrow().set(id);
            let route = route.clone();
            spawn_local(async move {
                let result = areas::view(route).await;
                if latest.borrow().get() == id {
                    page.set(Some(result));
                }
            });
            || ()
        });
    }
    match &*page {
        None => html! { <Skeleton /> },
        Some(Ok(html)) => html.clone(),
        Some(Err(AreaLoadError)) => {
            let onclick = {
                let retry = retry.clone();
                Callback::from(move |_: MouseEvent| retry.set(*retry + 1))
            };
            html! {
                <div class="state error" role="alert">
                    <p>{ texts.area_load_failed }</p>
                    <button class="button secondary" {onclick}>{ texts.retry }</button>
                </div>
            }
        }
    }
}
