//! Which org a page shows: the active role's by default; another within reach is found by its
//! name (`/orgs/search` answers only within the caller's reach) and goes into the address.

use shared::api::orgs::OrgSearchHit;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::i18n::statistics::of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct OrgPickProps {
    /// The org shown now (its name once the page's data names it).
    pub name: Option<AttrValue>,
    /// Showing another org than the active role's.
    pub away: bool,
    /// Some(org) to show it, None for the active role's org.
    pub on_pick: Callback<Option<i64>>,
}

#[component]
pub(super) fn OrgPick(props: &OrgPickProps) -> Html {
    let t = of(use_texts());
    let open = use_state(|| false);
    let typed = use_state(String::new);
    let hits = use_state(|| None::<Vec<OrgSearchHit>>);
    let latest = use_mut_ref(|| 0u32);
    {
        let hits = hits.clone();
        use_effect_with((*typed).clone(), move |text| {
            let text = text.trim().to_string();
            let ticket = {
                let mut latest = latest.borrow_mut();
                *latest = latest.wrapping_add(1);
                *latest
            };
            if text.is_empty() {
                hits.set(None);
            } else {
                spawn_local(async move {
                    let found = crate::api::search_orgs(&text).await.unwrap_or_default();
                    if *latest.borrow() == ticket {
                        hits.set(Some(found));
                    }
                });
            }
            || ()
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let home = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |_: MouseEvent| on_pick.emit(None))
    };
    let choose = |id: i64| {
        let (on_pick, open, typed) = (props.on_pick.clone(), open.clone(), typed.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            typed.set(String::new());
            on_pick.emit(Some(id));
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    html! {
        <div class="org-pick no-print" id="org-pick">
            <div class="toolbar">
                <span class="muted">{ t.org }{ "：" }</span>
                <strong id="org-pick-name">{ props.name.clone().unwrap_or_default() }</strong>
                <button class="link-button" type="button" id="org-pick-open" onclick={toggle}>{ t.change_org }</button>
                if props.away {
                    <button class="link-button" type="button" id="org-pick-home" onclick={home}>{ t.back_home_org }</button>
                }
            </div>
            if *open {
                <div class="field">
                    <label for="org-pick-search" class="visually-hidden">{ t.search_org }</label>
                    <input id="org-pick-search" type="search" autocomplete="off" placeholder={t.search_org}
                        value={(*typed).clone()} {oninput} />
                </div>
                if let Some(found) = &*hits {
                    if found.is_empty() {
                        <p class="muted">{ t.no_org_found }</p>
                    } else {
                        <ul class="list picker-hits">{ for found.iter().take(12).map(|h| html! {
                            <li><button type="button" class="list-button picker-hit" data-org={h.id.0.to_string()} onclick={choose(h.id.0)}>
                                <span class="list-title">{ h.name.clone() }<span class="tag">{ h.kind.label() }</span></span>
                                <span class="list-sub">{ h.parent_names.clone() }</span>
                            </button></li>
                        }) }</ul>
                    }
                }
            }
        </div>
    }
}
