//! Choosing people for a notice: find members by name, phone or employee number within the
//! caller's scope, add them, remove them again.

use shared::PersonId;
use shared::api::members::{MemberListQuery, MemberSummary};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::i18n::notify::of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub struct PeoplePickerProps {
    pub chosen: Vec<(PersonId, String)>,
    pub on_change: Callback<Vec<(PersonId, String)>>,
}

#[component]
pub fn PeoplePicker(props: &PeoplePickerProps) -> Html {
    let t = of(use_texts());
    let input = use_node_ref();
    let found = use_state(Vec::<MemberSummary>::new);
    let searched = use_state(|| false);
    let search = {
        let (input, found, searched) = (input.clone(), found.clone(), searched.clone());
        Callback::from(move |_| {
            let text = input.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            if text.trim().is_empty() {
                return;
            }
            let (found, searched) = (found.clone(), searched.clone());
            let query = MemberListQuery {
                q: Some(text.trim().to_string()),
                status: Some("formal,probationary".into()),
                page: shared::api::PageQuery::first(10),
                ..MemberListQuery::default()
            };
            spawn_local(async move {
                if let Ok(page) = crate::api::members(&query).await {
                    found.set(page.items);
                    searched.set(true);
                }
            });
        })
    };
    let onkeydown = {
        let search = search.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                search.emit(());
            }
        })
    };
    let add = |m: &MemberSummary| {
        let (chosen, on_change, entry) = (props.chosen.clone(), props.on_change.clone(), (m.id, m.name.clone()));
        Callback::from(move |_| {
            if !chosen.iter().any(|(id, _)| *id == entry.0) {
                let mut next = chosen.clone();
                next.push(entry.clone());
                on_change.emit(next);
            }
        })
    };
    let remove = |id: PersonId| {
        let (chosen, on_change) = (props.chosen.clone(), props.on_change.clone());
        Callback::from(move |_| on_change.emit(chosen.iter().filter(|(p, _)| *p != id).cloned().collect()))
    };
    html! {
        <div class="field people-picker">
            <label for="people-search">{ t.find_people }</label>
            <div class="toolbar">
                <input id="people-search" ref={input} type="search" {onkeydown} placeholder={t.find_people_hint} />
                <button class="button secondary" type="button" id="people-search-button" onclick={search.reform(|_: MouseEvent| ())}>{ t.find }</button>
            </div>
            if *searched && found.is_empty() { <p class="muted">{ t.nobody_found }</p> }
            <ul class="list" id="people-found">
                { for found.iter().map(|m| html! {
                    <li>
                        <button class="list-button" type="button" onclick={add(m)}>
                            <span class="list-title">{ m.name.clone() }{ " ＋" }</span>
                            <span class="list-sub">{ format!("{} · {}", m.org_name, m.membership_status.label()) }</span>
                        </button>
                    </li>
                }) }
            </ul>
            <div class="toolbar" id="people-chosen">
                { for props.chosen.iter().map(|(id, name)| html! {
                    <button class="chip active" type="button" onclick={remove(*id)} aria-label={format!("{} {}", t.remove, name)}>
                        { name.clone() }{ " ×" }
                    </button>
                }) }
            </div>
        </div>
    }
}
