//! `/transfers/new`: a member applies for their own transfer (a branch secretary for a member of
//! the branch): within the institution to another branch, out of it to an outside party
//! organisation (涉密 or not), or away as a 流动党员 with a 证明信 or 活动证. Checked here first
//! with plain messages under the fields; what the server refuses is shown the same way.

use std::collections::BTreeMap;

use shared::api::PageQuery;
use shared::api::members::{MemberListQuery, MemberSummary};
use shared::api::transfers::{FlowDocument, StartTransfer, TransferDetail, TransferKind};
use shared::{OrgId, PersonId, RoleKind};
use yew::prelude::*;

use super::picker::{BranchPicker, Picked, use_search};
use super::{field_error, problem, text};
use crate::api::ApiError;
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_submit};
use crate::i18n::transfers::{FormTexts, form_of};
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `transfer_new` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::TransferNew => html! { <NewTransfer /> },
        _ => Html::default(),
    }
}

/// The form as typed.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    person: Picked,
    kind: TransferKind,
    to: Picked,
    to_unit: String,
    secret: bool,
    document: String,
    away_from: String,
    away_until: String,
    reason: String,
}

impl Default for Form {
    fn default() -> Form {
        Form {
            person: None,
            kind: TransferKind::Within,
            to: None,
            to_unit: String::new(),
            secret: false,
            document: FlowDocument::Certificate.code().into(),
            away_from: String::new(),
            away_until: String::new(),
            reason: String::new(),
        }
    }
}

const REASON_MAX: usize = 500;

/// The request, and what is missing or wrong, by request field.
fn check(f: &FormTexts, form: &Form, for_member: bool) -> (StartTransfer, BTreeMap<&'static str, &'static str>) {
    let mut errors = BTreeMap::new();
    let date = |s: &str| shared::time::parse_date(s.trim());
    let (away_from, away_until) = (date(&form.away_from), date(&form.away_until));
    if for_member && form.person.is_none() {
        errors.insert("person_id", f.pick_member);
    }
    match form.kind {
        TransferKind::Within if form.to.is_none() => {
            errors.insert("to_org_id", f.pick_branch);
        }
        TransferKind::Out if form.to_unit.trim().is_empty() => {
            errors.insert("to_unit", f.need_to_unit);
        }
        TransferKind::Flow => {
            if form.to_unit.trim().is_empty() {
                errors.insert("to_unit", f.need_place);
            }
            match (away_from, away_until) {
                (None, _) => {
                    errors.insert("away_from", f.need_away_from);
                }
                (_, None) => {
                    errors.insert("away_until", f.need_away_until);
                }
                (Some(a), Some(b)) if b <= a => {
                    errors.insert("away_until", f.until_after_from);
                }
                _ => {}
            }
        }
        _ => {}
    }
    if form.reason.trim().is_empty() {
        errors.insert("reason", f.need_reason);
    } else if form.reason.trim().chars().count() > REASON_MAX {
        errors.insert("reason", f.reason_too_long);
    }
    let flow = form.kind == TransferKind::Flow;
    let input = StartTransfer {
        kind: form.kind,
        person_id: form.person.as_ref().map(|p| PersonId(p.0)),
        to_org_id: match form.kind {
            TransferKind::Within | TransferKind::Flow => form.to.as_ref().map(|o| OrgId(o.0)),
            _ => None,
        },
        to_unit: if form.kind == TransferKind::Within { None } else { text(&form.to_unit) },
        reason: form.reason.trim().to_string(),
        secret: form.kind == TransferKind::Out && form.secret,
        document: if flow { FlowDocument::from_code(&form.document) } else { None },
        away_from: if flow { away_from } else { None },
        away_until: if flow { away_until } else { None },
    };
    (input, errors)
}

#[component]
fn NewTransfer() -> Html {
    let texts = use_texts();
    let f = form_of(texts);
    let session = use_session();
    let navigator = use_navigator();
    let me = session.me.clone();
    let role = me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    // A branch secretary applies for a member of the branch; anyone else for themself.
    let for_member = role == RoleKind::Branch;
    let own_org = me.as_ref().map(|m| m.active_role.org_id.0);
    let form = use_state(Form::default);
    let attempted = use_state(|| false);
    let opened = Callback::from(move |d: TransferDetail| navigator.push(&Route::Transfer { id: d.transfer.id }));
    let (submit, busy, error) = use_submit(
        {
            let (form, attempted) = (form.clone(), attempted.clone());
            move || {
                attempted.set(true);
                let (input, errors) = check(f, &form, for_member);
                async move {
                    if !errors.is_empty() {
                        return Err(ApiError::local(f.fix_errors));
                    }
                    crate::api::transfers::start(&input).await
                }
            }
        },
        opened,
    );
    let client = if *attempted { check(f, &form, for_member).1 } else { BTreeMap::new() };
    let err = |field: &str| client.get(field).map(|m| AttrValue::Static(m)).or_else(|| field_error(&error, field));
    let set = |update: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            update(&mut next, v);
            form.set(next);
        })
    };
    let pick = |update: fn(&mut Form, Picked)| {
        let form = form.clone();
        Callback::from(move |v: Picked| {
            let mut next = (*form).clone();
            update(&mut next, v);
            form.set(next);
        })
    };
    let kind_option = |kind: TransferKind, hint: &'static str| {
        let form = form.clone();
        let checked = form.kind == kind;
        // Each kind has its own destination: a branch chosen for one is not kept for another.
        let onchange = Callback::from(move |_: Event| form.set(Form { kind, to: None, ..(*form).clone() }));
        html! {
            <label class={classes!("choice-option", checked.then_some("active"))}>
                <input type="radio" name="transfer_kind" id={format!("kind-{}", kind.code())} value={kind.code()} {checked} {onchange} />
                <span><strong>{ kind.label() }</strong><span class="list-sub">{ hint }</span></span>
            </label>
        }
    };
    let v = &*form;
    // The member's own branch (the secretary's, for a member of the branch) is not a destination.
    let exclude = own_org;
    let documents = FlowDocument::ALL.iter().map(|d| (d.code().to_string(), d.label().to_string())).collect::<Vec<_>>();
    let reason_error = err("reason");
    html! {
        <div class="page transfer-new">
            <section class="card">
                <h1 class="page-title">{ if for_member { f.new_for } else { f.new_title } }</h1>
                <form class="form" id="transfer-form" novalidate=true onsubmit={on_submit(&submit)}>
                    if for_member {
                        <MemberPick value={v.person.clone()} on_change={pick(|f, v| f.person = v)} error={err("person_id")} />
                    }
                    <fieldset class="choice" id="transfer-kind">
                        <legend>{ f.kind }</legend>
                        { kind_option(TransferKind::Within, f.within_hint) }
                        { kind_option(TransferKind::Out, f.out_hint) }
                        { kind_option(TransferKind::Flow, f.flow_hint) }
                    </fieldset>
                    <div class="form-grid">
                        if v.kind == TransferKind::Within {
                            <BranchPicker label={f.to_branch} name="to_org_id" value={v.to.clone()} on_change={pick(|f, v| f.to = v)} {exclude} error={err("to_org_id")} />
                        }
                        if v.kind == TransferKind::Out {
                            <TextField label={f.to_unit} name="to_unit" value={v.to_unit.clone()} placeholder={f.to_unit_hint} oninput={set(|f, v| f.to_unit = v)} error={err("to_unit")} />
                        }
                        if v.kind == TransferKind::Flow {
                            <SelectField label={f.document} name="document" options={documents} value={v.document.clone()} onchange={set(|f, v| f.document = v)} error={err("document")} />
                            <TextField label={f.place} name="to_unit" value={v.to_unit.clone()} placeholder={f.place_hint} oninput={set(|f, v| f.to_unit = v)} error={err("to_unit")} />
                            <TextField label={f.away_from} name="away_from" input_type="date" value={v.away_from.clone()} oninput={set(|f, v| f.away_from = v)} error={err("away_from")} />
                            <TextField label={f.away_until} name="away_until" input_type="date" value={v.away_until.clone()} oninput={set(|f, v| f.away_until = v)} error={err("away_until")} />
                            <BranchPicker label={f.host_branch} name="host_org_id" value={v.to.clone()} on_change={pick(|f, v| f.to = v)} {exclude} error={err("to_org_id")} />
                        }
                    </div>
                    if v.kind == TransferKind::Out {
                        <label class="check"><input type="checkbox" id="transfer-secret" checked={v.secret}
                            onchange={let form = form.clone(); move |_| form.set(Form { secret: !form.secret, ..(*form).clone() })} />{ f.secret }</label>
                    }
                    <div class={classes!("field", reason_error.is_some().then_some("invalid"))}>
                        <label for="field-reason">{ f.reason }</label>
                        <textarea id="field-reason" name="reason" rows="3" maxlength="500" placeholder={f.reason_hint} value={v.reason.clone()}
                            aria-invalid={reason_error.is_some().to_string()}
                            oninput={let s = set(|f, v| f.reason = v); move |e: InputEvent| s.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())} />
                        if let Some(e) = reason_error { <p class="field-error" id="field-reason-error">{ e }</p> }
                    </div>
                    { problem(&error, "transfer-error", f.conflict) }
                    <div class="form-actions">
                        <Link to={Route::Transfers} classes="button secondary">{ texts.cancel }</Link>
                        <button class="button primary" type="submit" id="transfer-submit" disabled={*busy}>{ if *busy { texts.loading } else { f.submit } }</button>
                    </div>
                </form>
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MemberPickProps {
    value: Picked,
    on_change: Callback<Picked>,
    error: Option<AttrValue>,
}

/// A 党员 of the branch, searched by name.
#[component]
fn MemberPick(props: &MemberPickProps) -> Html {
    let f = form_of(use_texts());
    let typed = use_state(String::new);
    let found = use_search((*typed).clone(), |q| async move {
        let query = MemberListQuery {
            q: Some(q),
            status: Some("formal,probationary".into()),
            page: PageQuery::first(10),
            ..Default::default()
        };
        crate::api::members(&query).await.map(|p| p.items).unwrap_or_default()
    });
    if let Some((_, name)) = &props.value {
        let on_change = props.on_change.clone();
        return html! {
            <div class="field picker" id="person-picked">
                <span class="picker-label">{ f.member }</span>
                <div class="picked"><span class="list-title">{ name.clone() }</span>
                    <button class="link-button" type="button" onclick={move |_| on_change.emit(None)}>{ f.change }</button></div>
            </div>
        };
    }
    let choose = |m: &MemberSummary| {
        let (on_change, picked) = (props.on_change.clone(), (m.id.0, format!("{}（{}）", m.name, m.org_name)));
        Callback::from(move |_: MouseEvent| on_change.emit(Some(picked.clone())))
    };
    let hits = found.as_deref().unwrap_or_default();
    html! {
        <div class="picker">
            <TextField label={f.member} name="person_search" value={(*typed).clone()} placeholder={f.search_member} error={props.error.clone()}
                oninput={let typed = typed.clone(); Callback::from(move |v| typed.set(v))} />
            <ul class="list picker-hits">{ for hits.iter().map(|m| html! {
                <li><button type="button" class="list-button picker-hit" data-person={m.id.0.to_string()} onclick={choose(m)}>
                    <span class="list-title">{ m.name.clone() }<span class="tag">{ m.membership_status.label() }</span></span>
                    <span class="list-sub">{ m.org_name.clone() }</span>
                </button></li>
            }) }</ul>
        </div>
    }
}
