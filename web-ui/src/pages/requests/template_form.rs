//! The form that saves a new version of a 请示 template (or a new one): code, name, the title
//! with placeholders, the fields as rows (name, label, kind, required, hint), the body and the
//! 批复's body, the reply period and the retention period. Placeholders that name no field are
//! caught here before sending.

use std::collections::BTreeMap;

use shared::api::requests::{RequestTemplate, Retention, TemplateField, TemplateFieldKind, TemplateInput};
use shared::rules::requests::placeholders;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_submit};
use crate::i18n::requests::{TemplateTexts, template_of};
use crate::pages::transfers::{field_error, problem};
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct FormProps {
    pub base: Option<RequestTemplate>,
    pub on_saved: Callback<RequestTemplate>,
    pub on_cancel: Callback<()>,
}

/// Placeholders the 批复's body may use besides the fields.
const REPLY_NAMES: [&str; 4] = ["request_org", "request_title", "request_number", "decision"];

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn input_of(tp: Option<&RequestTemplate>) -> TemplateInput {
    match tp {
        Some(tp) => TemplateInput {
            code: tp.code.clone(),
            name: tp.name.clone(),
            title_pattern: tp.title_pattern.clone(),
            fields: tp.fields.clone(),
            body: tp.body.clone(),
            reply_body: tp.reply_body.clone(),
            reply_days: tp.reply_days,
            retention: tp.retention,
        },
        None => TemplateInput {
            code: String::new(),
            name: String::new(),
            title_pattern: String::new(),
            fields: Vec::new(),
            body: String::new(),
            reply_body: String::new(),
            reply_days: 30,
            retention: Retention::Long,
        },
    }
}

/// What is missing or wrong, by request field (`fields.<i>.name` for a field's row).
fn check(t: &TemplateTexts, v: &TemplateInput, days: &str) -> BTreeMap<String, String> {
    let mut errors = BTreeMap::new();
    let mut need = |key: &str, text: &str| {
        if text.trim().is_empty() {
            errors.insert(key.to_string(), t.need.to_string());
        }
    };
    need("code", &v.code);
    need("name", &v.name);
    need("title_pattern", &v.title_pattern);
    need("body", &v.body);
    need("reply_body", &v.reply_body);
    if !v.code.trim().is_empty() && !is_name(v.code.trim()) {
        errors.insert("code".into(), t.bad_name.into());
    }
    for (i, f) in v.fields.iter().enumerate() {
        if !is_name(f.name.trim()) {
            errors.insert(format!("fields.{i}.name"), t.bad_name.into());
        }
        if f.label.trim().is_empty() {
            errors.insert(format!("fields.{i}.label"), t.need.into());
        }
    }
    if !days.trim().parse::<i32>().is_ok_and(|d| (1..=365).contains(&d)) {
        errors.insert("reply_days".into(), t.bad_days.into());
    }
    let known = |n: &String, reply: bool| {
        v.fields.iter().any(|f| f.name.trim() == n) || (reply && REPLY_NAMES.contains(&n.as_str()))
    };
    for (key, text, reply) in
        [("title_pattern", &v.title_pattern, false), ("body", &v.body, false), ("reply_body", &v.reply_body, true)]
    {
        let unknown = placeholders(text).into_iter().filter(|n| !known(n, reply)).collect::<Vec<_>>();
        if !unknown.is_empty() && !errors.contains_key(key) {
            errors.insert(key.into(), (t.unknown_placeholders)(&unknown.join("、")));
        }
    }
    errors
}

#[component]
pub(super) fn TemplateForm(props: &FormProps) -> Html {
    let texts = use_texts();
    let t = template_of(texts);
    let form = use_state(|| input_of(props.base.as_ref()));
    let days = use_state(|| form.reply_days.to_string());
    let attempted = use_state(|| false);
    let (submit, busy, error) = use_submit(
        {
            let (form, days, attempted) = (form.clone(), days.clone(), attempted.clone());
            move || {
                attempted.set(true);
                let errors = check(t, &form, &days);
                let mut input = (*form).clone();
                input.reply_days = days.trim().parse().unwrap_or(30);
                input.code = input.code.trim().to_string();
                for f in &mut input.fields {
                    f.name = f.name.trim().to_string();
                }
                async move {
                    if !errors.is_empty() {
                        return Err(ApiError::local(t.fix_errors));
                    }
                    crate::api::requests::save_template(&input).await
                }
            }
        },
        props.on_saved.clone(),
    );
    let client = if *attempted { check(t, &form, &days) } else { BTreeMap::new() };
    let err = |key: &str| client.get(key).map(|m| AttrValue::from(m.clone())).or_else(|| field_error(&error, key));
    let set = |update: fn(&mut TemplateInput, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            update(&mut next, v);
            form.set(next);
        })
    };
    let row_set = |i: usize, update: fn(&mut TemplateField, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            update(&mut next.fields[i], v);
            form.set(next);
        })
    };
    let v = &*form;
    let kinds =
        TemplateFieldKind::ALL.iter().map(|k| (k.code().to_string(), k.label().to_string())).collect::<Vec<_>>();
    let retentions = Retention::ALL.iter().map(|k| (k.code().to_string(), k.label().to_string())).collect::<Vec<_>>();
    let field_row = |(i, f): (usize, &TemplateField)| {
        let toggle = {
            let form = form.clone();
            move |_: Event| {
                let mut next = (*form).clone();
                next.fields[i].required = !next.fields[i].required;
                form.set(next);
            }
        };
        let remove = {
            let form = form.clone();
            move |_: MouseEvent| {
                let mut next = (*form).clone();
                next.fields.remove(i);
                form.set(next);
            }
        };
        html! {
            <div class="template-field-row" key={i}>
                <TextField label={format!("{}{}", t.field_name, i + 1)} name={format!("tpl-{i}-name")} value={f.name.clone()}
                    oninput={row_set(i, |f, v| f.name = v)} error={err(&format!("fields.{i}.name"))} />
                <TextField label={t.field_label} name={format!("tpl-{i}-label")} value={f.label.clone()}
                    oninput={row_set(i, |f, v| f.label = v)} error={err(&format!("fields.{i}.label"))} />
                <SelectField label={t.field_kind} name={format!("tpl-{i}-kind")} options={kinds.clone()} value={f.kind.code()}
                    onchange={row_set(i, |f, v| f.kind = TemplateFieldKind::from_code(&v).unwrap_or(TemplateFieldKind::Text))} />
                <TextField label={t.field_hint} name={format!("tpl-{i}-hint")} value={f.hint.clone()} oninput={row_set(i, |f, v| f.hint = v)} />
                <label class="check"><input type="checkbox" checked={f.required} onchange={toggle} />{ t.field_required }</label>
                <button class="button secondary" type="button" onclick={remove}>{ t.remove }</button>
            </div>
        }
    };
    let add = {
        let form = form.clone();
        move |_: MouseEvent| {
            let mut next = (*form).clone();
            let field = TemplateField {
                name: String::new(),
                label: String::new(),
                kind: TemplateFieldKind::Text,
                required: true,
                hint: String::new(),
            };
            next.fields.push(field);
            form.set(next);
        }
    };
    let area = |key: &'static str, label: &'static str, hint: &'static str, value: &str, set: Callback<String>| {
        let error = err(key);
        html! {
            <div class={classes!("field", error.is_some().then_some("invalid"))}>
                <label for={format!("tpl-{key}")}>{ label }</label>
                <textarea id={format!("tpl-{key}")} rows="8" value={value.to_string()} oninput={super::on_text(set)} />
                <span class="list-sub">{ hint }</span>
                if let Some(e) = error { <p class="field-error">{ e }</p> }
            </div>
        }
    };
    let heading = match &props.base {
        Some(b) => (t.form_edit)(&b.name),
        None => t.form_new.to_string(),
    };
    html! {
        <form class="card form" id="template-form" novalidate=true onsubmit={on_submit(&submit)}>
            <h2>{ heading }</h2>
            <div class="form-grid">
                <TextField label={t.code} name="tpl_code" value={v.code.clone()} placeholder={t.code_hint} oninput={set(|f, v| f.code = v)} error={err("code")} />
                <TextField label={t.name} name="tpl_name" value={v.name.clone()} oninput={set(|f, v| f.name = v)} error={err("name")} />
                <TextField label={t.title_pattern} name="tpl_title" value={v.title_pattern.clone()} placeholder={t.title_hint}
                    oninput={set(|f, v| f.title_pattern = v)} error={err("title_pattern")} />
                <TextField label={t.reply_days} name="tpl_reply_days" input_type="number" value={(*days).clone()}
                    oninput={let d = days.clone(); Callback::from(move |v| d.set(v))} error={err("reply_days")} />
                <SelectField label={t.retention} name="tpl_retention" options={retentions} value={v.retention.code()}
                    onchange={set(|f, v| f.retention = Retention::from_code(&v).unwrap_or(Retention::Long))} />
            </div>
            <fieldset class="choice" id="template-fields">
                <legend>{ t.fields }</legend>
                { for v.fields.iter().enumerate().map(field_row) }
                <div><button class="button secondary" type="button" id="template-field-add" onclick={add}>{ t.add_field }</button></div>
            </fieldset>
            { area("body", t.body, t.body_hint, &v.body, set(|f, v| f.body = v)) }
            { area("reply_body", t.reply_body, t.reply_hint, &v.reply_body, set(|f, v| f.reply_body = v)) }
            { problem(&error, "template-error", t.fix_errors) }
            <div class="form-actions">
                <button class="button secondary" type="button" onclick={let c = props.on_cancel.clone(); move |_| c.emit(())}>{ texts.cancel }</button>
                <button class="button primary" type="submit" id="template-save" disabled={*busy}>{ if *busy { texts.saving } else { t.save } }</button>
            </div>
        </form>
    }
}
