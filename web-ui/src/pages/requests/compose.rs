//! `/requests/new` and `/requests/{id}/edit`: drafting a 请示 from a template: the template's
//! fields, the 附件 names, the signer, the contact and mobile number, and the body prefilled
//! from the template (editable), beside a live preview laid out like the printed document.
//! Checked here first; what the server refuses (422 by field, 409 when someone saved first) is
//! shown the same way. 抄送 is not offered here (a draft's existing 抄送 is kept as it is).

use std::collections::BTreeMap;

use serde::Deserialize;
use shared::api::requests::{ComposeInfo, DraftInput};
use yew::prelude::*;

use super::compose_parts::{Attachments, FieldInputs, TemplateCards};
use super::draft::{Draft, check, input_of};
use super::preview::LivePreview;
use crate::api::ApiError;
use crate::api::requests::{DraftSource, Saved};
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::request_form::{FormTexts, form_of};
use crate::pages::transfers::{field_error, problem};
use crate::router::{Link, use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `request_new` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::RequestNew => html! { <Compose id={None::<i64>} /> },
        Route::RequestEdit { id } => html! { <Compose id={Some(*id)} /> },
        _ => Html::default(),
    }
}

/// `?template=found_branch&for_instance_id=12`: a draft started from another case.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct NewUrl {
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    for_instance_id: Option<i64>,
}

/// What was there before: the draft being edited, or where a new one comes from.
#[derive(Debug, Clone, PartialEq)]
struct Base {
    info: ComposeInfo,
    existing: Option<DraftSource>,
    for_instance_id: Option<i64>,
}

async fn load(id: Option<i64>) -> Result<(ComposeInfo, Option<DraftSource>), ApiError> {
    match id {
        None => Ok((crate::api::requests::compose(None).await?, None)),
        Some(id) => {
            let detail = crate::api::requests::draft_source(id).await?;
            let info = crate::api::requests::compose(Some(detail.org.id.0)).await?;
            Ok((info, Some(detail)))
        }
    }
}

#[derive(Properties, PartialEq)]
struct ComposeProps {
    id: Option<i64>,
}

#[component]
fn Compose(props: &ComposeProps) -> Html {
    let t = form_of(use_texts());
    let url = use_location().query::<NewUrl>().unwrap_or_default();
    let (loaded, retry) = use_load(props.id, load);
    let back = match props.id {
        Some(id) => Route::Request { id },
        None => Route::Requests,
    };
    html! {
        <div class="page request-compose">
            <div class="toolbar"><Link to={back} classes="link-button">{ t.back }</Link></div>
            { render(&loaded, &retry, |(info, existing)| {
                if existing.as_ref().is_some_and(|d| !d.can_edit) {
                    return html! { <p class="notice" id="request-not-editable">{ t.not_editable }</p> };
                }
                let base = Base { info: info.clone(), existing: existing.clone(), for_instance_id: url.for_instance_id };
                // A reload after a conflict starts the editor afresh from the saved draft.
                let key = existing.as_ref().map(|d| d.version).unwrap_or_default();
                html! { <Editor {key} {base} wanted={url.template.clone()} on_reload={retry.clone()} /> }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    base: Base,
    wanted: Option<String>,
    on_reload: Callback<()>,
}

#[component]
fn Editor(props: &EditorProps) -> Html {
    let texts = use_texts();
    let t = form_of(texts);
    let navigator = use_navigator();
    let session = use_session();
    let Base { info, existing, for_instance_id } = props.base.clone();
    let draft = use_state(|| match &existing {
        Some(d) => Draft {
            template: Some(d.template.clone()),
            values: d.fields.iter().map(|(k, v)| (k.clone(), super::value_text(v))).collect(),
            body: d.body.clone(),
            attachments: d.attachments.clone(),
            signer: d.signer_user_id.0.to_string(),
            contact: d.contact.clone(),
            phone: d.contact_phone.clone(),
        },
        None => {
            let wanted = props.wanted.as_ref().and_then(|c| info.templates.iter().find(|t| t.code == *c));
            let template = wanted.or(if info.templates.len() == 1 { info.templates.first() } else { None });
            Draft {
                template: template.cloned(),
                values: BTreeMap::new(),
                body: template.map(|t| t.body.clone()).unwrap_or_default(),
                attachments: Vec::new(),
                signer: info.signers.first().map(|s| s.user_id.0.to_string()).unwrap_or_default(),
                contact: session.me.as_ref().map(|m| m.display_name.clone()).unwrap_or_default(),
                phone: String::new(),
            }
        }
    });
    let attempted = use_state(|| false);
    let org = info.org.id;
    let (cc, version, for_instance) = match &existing {
        Some(d) => (d.cc.iter().map(|o| o.id).collect(), Some(d.version), d.for_instance_id),
        None => (Vec::new(), None, for_instance_id),
    };
    let opened = Callback::from(move |d: Saved| navigator.push(&Route::Request { id: d.id }));
    let (submit, busy, error) = use_submit(
        {
            let (draft, attempted, existing, cc) = (draft.clone(), attempted.clone(), existing.clone(), cc.clone());
            move || {
                attempted.set(true);
                let (fields, errors) = check(t, &draft);
                let input = DraftInput {
                    cc_org_ids: cc.clone(),
                    version,
                    for_instance_id: for_instance,
                    ..input_of(&draft, org, fields)
                };
                let id = existing.as_ref().map(|d| d.id);
                async move {
                    if !errors.is_empty() {
                        return Err(ApiError::local(t.fix_errors));
                    }
                    match id {
                        Some(id) => crate::api::requests::update(id, &input).await,
                        None => crate::api::requests::create(&input).await,
                    }
                }
            }
        },
        opened,
    );
    let client = if *attempted { check(t, &draft).1 } else { BTreeMap::new() };
    let err = |key: &str| -> Option<AttrValue> {
        let short = key.strip_prefix("fields.").unwrap_or(key);
        client
            .get(key)
            .map(|m| AttrValue::from(m.clone()))
            .or_else(|| field_error(&error, key))
            .or_else(|| field_error(&error, short))
    };
    let set = |update: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            update(&mut next, v);
            draft.set(next);
        })
    };
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |d: Draft| draft.set(d))
    };
    let d = &*draft;
    let conflict = error.as_ref().is_some_and(|e| e.status == 409);
    let signers = std::iter::once((String::new(), t.pick_signer.to_string()))
        .chain(info.signers.iter().map(|s| (s.user_id.0.to_string(), format!("{}（{}）", s.name, s.role))))
        .collect::<Vec<_>>();
    let field_errors = d
        .template
        .iter()
        .flat_map(|tp| &tp.fields)
        .filter_map(|f| err(&format!("fields.{}", f.name)).map(|e| (f.name.clone(), e)))
        .collect::<BTreeMap<_, _>>();
    html! {
        <div class="compose-grid">
            <section class="card">
                <h1 class="page-title">{ if existing.is_some() { t.edit_title } else { t.new_title } }</h1>
                <p class="muted" id="request-orgs">{ (t.drafting_org)(&info.org.name, &info.to_org.name) }</p>
                if existing.is_none() {
                    <TemplateCards templates={info.templates.clone()} draft={d.clone()} on_change={on_draft.clone()} />
                }
                if d.template.is_some() {
                    <form class="form" id="request-form" novalidate=true onsubmit={on_submit(&submit)}>
                        <FieldInputs draft={d.clone()} on_change={on_draft.clone()} errors={field_errors} />
                        <Attachments draft={d.clone()} on_change={on_draft.clone()} error={err("attachments")} />
                        if !cc.is_empty() { <p class="muted">{ (t.cc_kept)(cc.len()) }</p> }
                        <div class="form-grid">
                            <SelectField label={t.signer} name="signer_user_id" options={signers} value={d.signer.clone()}
                                onchange={set(|d, v| d.signer = v)} error={err("signer_user_id")} />
                            <TextField label={t.contact} name="contact" value={d.contact.clone()} oninput={set(|d, v| d.contact = v)} error={err("contact")} />
                            <TextField label={t.contact_phone} name="contact_phone" input_type="tel" inputmode="numeric" autocomplete="tel"
                                value={d.phone.clone()} oninput={set(|d, v| d.phone = v)} error={err("contact_phone")} />
                        </div>
                        { body_field(t, d, set(|d, v| d.body = v), err("body"), on_draft.clone()) }
                        if conflict {
                            <div class="form-error" role="alert" id="request-conflict">
                                <span>{ t.conflict }</span>
                                <button class="link-button" type="button" onclick={let r = props.on_reload.clone(); move |_| r.emit(())}>{ t.reload }</button>
                            </div>
                        } else {
                            { problem(&error, "request-error", t.conflict) }
                        }
                        <div class="form-actions">
                            <button class="button primary" type="submit" id="request-save" disabled={*busy}>{ if *busy { texts.saving } else { t.save } }</button>
                        </div>
                    </form>
                }
            </section>
            if d.template.is_some() {
                <LivePreview draft={d.clone()} info={info.clone()} />
            }
        </div>
    }
}

fn body_field(
    t: &FormTexts,
    d: &Draft,
    set: Callback<String>,
    error: Option<AttrValue>,
    on_draft: Callback<Draft>,
) -> Html {
    let template_body = d.template.as_ref().map(|t| t.body.clone()).unwrap_or_default();
    let changed = d.body != template_body;
    let reset = {
        let d = d.clone();
        move |_: MouseEvent| on_draft.emit(Draft { body: template_body.clone(), ..d.clone() })
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for="field-body">{ t.body }</label>
            <textarea id="field-body" name="body" rows="12" value={d.body.clone()} aria-invalid={error.is_some().to_string()}
                aria-describedby="field-body-hint" oninput={super::on_text(set)} />
            <span class="list-sub" id="field-body-hint">{ t.body_hint }
                if changed { { " " }<button class="link-button" type="button" onclick={reset}>{ t.reset_body }</button> }
            </span>
            if let Some(e) = error { <p class="field-error" id="field-body-error">{ e }</p> }
        </div>
    }
}
