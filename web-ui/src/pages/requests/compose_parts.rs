//! Parts of the drafting form: the template cards, the template's fields (text, paragraph,
//! number, date; required marks and hints) and the 附件 names.

use std::collections::BTreeMap;

use shared::api::requests::{RequestTemplate, TemplateFieldKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::draft::Draft;
use crate::i18n::request_form::form_of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct CardsProps {
    pub templates: Vec<RequestTemplate>,
    pub draft: Draft,
    pub on_change: Callback<Draft>,
}

/// The active templates as cards; choosing one starts the body from it.
#[component]
pub(super) fn TemplateCards(props: &CardsProps) -> Html {
    let t = form_of(use_texts());
    if props.templates.is_empty() {
        return html! { <p class="notice" id="no-templates">{ t.no_templates }</p> };
    }
    let chosen = props.draft.template.as_ref().map(|t| t.id);
    html! {
        <fieldset class="choice template-cards" id="request-templates">
            <legend>{ t.pick_template }</legend>
            { for props.templates.iter().map(|tp| {
                let checked = chosen == Some(tp.id);
                let onchange = {
                    let (draft, tp, cb) = (props.draft.clone(), tp.clone(), props.on_change.clone());
                    Callback::from(move |_: Event| cb.emit(draft.with_template(&tp)))
                };
                html! {
                    <label class={classes!("choice-option", checked.then_some("active"))} data-template={tp.code.clone()}>
                        <input type="radio" name="template" value={tp.id.to_string()} {checked} {onchange} />
                        <span><strong>{ tp.name.clone() }</strong><span class="list-sub">{ shared::rules::requests::fill(&tp.title_pattern, |_| Some("××".into())).0 }</span></span>
                    </label>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct FieldsProps {
    pub draft: Draft,
    pub on_change: Callback<Draft>,
    /// Messages by field name.
    pub errors: BTreeMap<String, AttrValue>,
}

/// One input per template field, with its hint and message.
#[component]
pub(super) fn FieldInputs(props: &FieldsProps) -> Html {
    let t = form_of(use_texts());
    let Some(template) = &props.draft.template else { return Html::default() };
    let field = |f: &shared::api::requests::TemplateField| {
        let id = format!("tf-{}", f.name);
        let value = props.draft.values.get(&f.name).cloned().unwrap_or_default();
        let error = props.errors.get(&f.name).cloned();
        let set = {
            let (draft, name, cb) = (props.draft.clone(), f.name.clone(), props.on_change.clone());
            Callback::from(move |v: String| {
                let mut next = draft.clone();
                next.values.insert(name.clone(), v);
                cb.emit(next);
            })
        };
        let described = format!("{id}-hint");
        let invalid = error.is_some().to_string();
        let input = match f.kind {
            TemplateFieldKind::Paragraph => html! {
                <textarea id={id.clone()} name={f.name.clone()} rows="4" {value} aria-invalid={invalid}
                    aria-describedby={described.clone()} oninput={super::on_text(set)} />
            },
            kind => {
                let (input_type, mode) = match kind {
                    TemplateFieldKind::Number => ("number", Some("decimal")),
                    TemplateFieldKind::Date => ("date", None),
                    _ => ("text", None),
                };
                let oninput = Callback::from(move |e: InputEvent| {
                    set.emit(e.target_unchecked_into::<HtmlInputElement>().value())
                });
                html! {
                    <input id={id.clone()} name={f.name.clone()} type={input_type} inputmode={mode} {value} aria-invalid={invalid}
                        aria-required={f.required.to_string()} aria-describedby={described.clone()} {oninput} />
                }
            }
        };
        html! {
            <div class={classes!("field", (f.kind == TemplateFieldKind::Paragraph).then_some("wide"), error.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{ f.label.clone() }
                    if f.required { <span class="required">{ t.required }</span> }
                </label>
                { input }
                if !f.hint.is_empty() { <span class="list-sub" id={described}>{ f.hint.clone() }</span> }
                if let Some(e) = error { <p class="field-error" id={format!("{id}-error")}>{ e }</p> }
            </div>
        }
    };
    html! {
        <fieldset class="choice" id="request-fields">
            <legend>{ t.content }</legend>
            <div class="form-grid">{ for template.fields.iter().map(field) }</div>
        </fieldset>
    }
}

/// An edit of the 附件 list.
type Change = Box<dyn Fn(&mut Vec<String>)>;

#[derive(Properties, PartialEq)]
pub(super) struct AttachmentsProps {
    pub draft: Draft,
    pub on_change: Callback<Draft>,
    pub error: Option<AttrValue>,
}

/// The 附件 names in order: added, edited and removed one by one.
#[component]
pub(super) fn Attachments(props: &AttachmentsProps) -> Html {
    let t = form_of(use_texts());
    let list = &props.draft.attachments;
    let update = |change: Change| {
        let (draft, cb) = (props.draft.clone(), props.on_change.clone());
        move || {
            let mut next = draft.clone();
            change(&mut next.attachments);
            cb.emit(next);
        }
    };
    let add = update(Box::new(|a| a.push(String::new())));
    html! {
        <fieldset class="choice" id="request-attachments">
            <legend>{ t.attachments }</legend>
            if list.is_empty() { <p class="muted">{ t.no_attachments }</p> }
            { for list.iter().enumerate().map(|(i, name)| {
                let id = format!("attachment-{}", i + 1);
                let edit = {
                    let (draft, cb) = (props.draft.clone(), props.on_change.clone());
                    Callback::from(move |e: InputEvent| {
                        let mut next = draft.clone();
                        next.attachments[i] = e.target_unchecked_into::<HtmlInputElement>().value();
                        cb.emit(next);
                    })
                };
                let remove = update(Box::new(move |a| { a.remove(i); }));
                html! {
                    <div class="attachment-row field" key={i}>
                        <label for={id.clone()}>{ (t.attachment_name)(i + 1) }</label>
                        <div class="inline-row">
                            <input id={id} type="text" value={name.clone()} maxlength="100" oninput={edit} />
                            <button class="button secondary" type="button" onclick={move |_| remove()}>{ t.remove }</button>
                        </div>
                    </div>
                }
            }) }
            <div><button class="button secondary" type="button" id="attachment-add" onclick={move |_| add()}>{ t.add_attachment }</button></div>
            if let Some(e) = &props.error { <p class="field-error">{ e.clone() }</p> }
        </fieldset>
    }
}
