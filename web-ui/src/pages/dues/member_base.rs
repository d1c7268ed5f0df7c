//! 修改基数 for the branch: category, base and from which month, with the monthly amount by
//! the standard in force shown while typing.

use std::time::Duration;

use shared::PersonId;
use shared::api::dues::{BaseInput, BaseView, MemberDues, StandardQuery};
use shared::rules::dues::{DuesCategory, Fen, Standard};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{field_error, problem, text};
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_submit};
use crate::i18n::dues::of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct BaseProps {
    pub person: i64,
    pub current: Option<BaseView>,
    pub on_done: Callback<MemberDues>,
}

/// 修改基数: category, base, from which month, with the monthly amount by the standard in
/// force shown while typing (the server's trial calculation, asked once typing pauses).
#[component]
pub(super) fn BaseForm(props: &BaseProps) -> Html {
    let t = of(use_texts());
    let current = props.current.as_ref();
    let category = use_state(|| current.map_or("employed".to_string(), |b| b.category.clone()));
    let base = use_state(|| current.map(|b| b.base.clone()).unwrap_or_default());
    let month = use_state(super::this_month);
    let note = use_state(String::new);
    let saved = use_state(|| false);
    let preview = use_state(|| None::<Standard>);
    let ticket = use_mut_ref(|| 0u32);
    {
        let preview = preview.clone();
        use_effect_with(((*category).clone(), (*base).clone()), move |(category, base)| {
            let mine = {
                let mut n = ticket.borrow_mut();
                *n = n.wrapping_add(1);
                *n
            };
            preview.set(None);
            if Fen::parse(base).is_some() {
                let query = StandardQuery { category: category.clone(), base: Some(base.trim().to_string()) };
                spawn_local(async move {
                    yew::platform::time::sleep(Duration::from_millis(250)).await;
                    if *ticket.borrow() != mine {
                        return;
                    }
                    let answer = crate::api::dues::standard(&query).await.ok();
                    if *ticket.borrow() == mine {
                        preview.set(answer);
                    }
                });
            }
            || ()
        });
    }
    let run = {
        let input = BaseInput {
            person_id: PersonId(props.person),
            category: (*category).clone(),
            base: base.trim().to_string(),
            effective_month: (*month).clone(),
            note: text(&note),
        };
        move || {
            let input = input.clone();
            async move {
                crate::api::dues::set_base(&input).await?;
                crate::api::dues::member(input.person_id.0).await
            }
        }
    };
    let done = {
        let (saved, note, on_done) = (saved.clone(), note.clone(), props.on_done.clone());
        Callback::from(move |d: MemberDues| {
            saved.set(true);
            note.set(String::new());
            on_done.emit(d);
        })
    };
    let (submit, busy, error) = use_submit(run, done);
    let categories: Vec<(String, String)> =
        DuesCategory::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect();
    let set = |state: &UseStateHandle<String>| {
        let (state, saved) = (state.clone(), saved.clone());
        Callback::from(move |v: String| {
            saved.set(false);
            state.set(v)
        })
    };
    html! {
        <form class="card form" id="base-form" novalidate=true onsubmit={on_submit(&submit)}>
            <h2>{ t.edit_base }</h2>
            <div class="form-grid">
                <SelectField label={t.category} name="category" options={categories} value={(*category).clone()} onchange={set(&category)} error={field_error(&error, "category")} />
                <TextField label={t.base} name="base" value={(*base).clone()} inputmode={Some(AttrValue::Static("decimal"))} oninput={set(&base)} error={field_error(&error, "base")} />
                <TextField label={t.effective_month} name="effective_month" input_type="month" value={(*month).clone()} oninput={set(&month)} error={field_error(&error, "effective_month")} />
                <TextField label={t.note} name="base_note" value={(*note).clone()} oninput={set(&note)} error={field_error(&error, "note")} />
            </div>
            <div class="preview-box" id="base-preview" aria-live="polite">
                if let Some(s) = &*preview {
                    <strong>{ format!("{}：{}（{}）", t.preview, (t.yuan)(&s.amount), s.rate) }</strong>
                    <p class="muted">{ s.rule.clone() }</p>
                } else {
                    <span class="muted">{ format!("{}：—", t.preview) }</span>
                }
            </div>
            { problem(&error, "base-error") }
            if *saved { <p class="notice ok" role="status">{ t.base_saved }</p> }
            <div class="form-actions">
                <button class="button primary" type="submit" id="save-base" disabled={*busy}>{ t.save }</button>
            </div>
        </form>
    }
}
