//! `/transfers/batch/new`: 整建制转接. An official moves a whole branch, or one of its party
//! groups, as one batch: within the institution to another branch, or out of it to an outside
//! party organisation (涉密 or not). A branch secretary starts from their own branch; a 党委 or
//! the 政工部门 finds the branch among those it manages. The branch's party groups are offered
//! as the scope. Checked here first; a confirmation says who goes before anything is started.

use std::collections::BTreeMap;

use shared::api::orgs::OrgChildren;
use shared::api::transfers::{StartBatch, TransferKind, TransferView};
use shared::permissions::{self, Action};
use shared::{OrgId, OrgKind, OrgStatus, RoleKind};
use yew::prelude::*;

use super::picker::{BranchPicker, Picked};
use super::{field_error, problem, text};
use crate::api::ApiError;
use crate::components::fields::TextField;
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::components::states::Empty;
use crate::i18n::transfer_batch::{BatchTexts, batch_of};
use crate::i18n::transfers::{FormTexts, form_of};
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `transfer_batch_new` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::TransferBatchNew => html! { <NewBatch /> },
        _ => Html::default(),
    }
}

/// The form as typed.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    branch: Picked,
    /// The party group that goes (its id), or empty for the whole branch.
    group: String,
    kind: TransferKind,
    to: Picked,
    to_unit: String,
    secret: bool,
    reason: String,
}

const REASON_MAX: usize = 500;

/// The request when nothing is missing, and the problems by request field.
fn check(f: &FormTexts, b: &BatchTexts, form: &Form) -> (Option<StartBatch>, BTreeMap<&'static str, &'static str>) {
    let mut errors = BTreeMap::new();
    if form.branch.is_none() {
        errors.insert("org_id", b.pick_org);
    }
    match form.kind {
        TransferKind::Within if form.to.is_none() => {
            errors.insert("to_org_id", f.pick_branch);
        }
        TransferKind::Out if form.to_unit.trim().is_empty() => {
            errors.insert("to_unit", f.need_to_unit);
        }
        _ => {}
    }
    if form.reason.trim().is_empty() {
        errors.insert("reason", f.need_reason);
    } else if form.reason.trim().chars().count() > REASON_MAX {
        errors.insert("reason", f.reason_too_long);
    }
    let within = form.kind == TransferKind::Within;
    let org = form.group.parse::<i64>().ok().or(form.branch.as_ref().map(|b| b.0));
    let input = org.filter(|_| errors.is_empty()).map(|org| StartBatch {
        kind: form.kind,
        org_id: OrgId(org),
        to_org_id: if within { form.to.as_ref().map(|o| OrgId(o.0)) } else { None },
        to_unit: if within { None } else { text(&form.to_unit) },
        reason: form.reason.trim().to_string(),
        secret: !within && form.secret,
    });
    (input, errors)
}

/// The active party groups of the branch, and how many members the whole branch has when the
/// tree's count is exactly that (its only children are party groups).
fn scope_of(tree: &Load<Option<OrgChildren>>) -> (Vec<(i64, String)>, Option<i64>) {
    let Load::Ready(Some(tree)) = tree else { return (Vec::new(), None) };
    let groups = tree
        .children
        .iter()
        .filter(|o| o.kind == OrgKind::PartyGroup && o.status == OrgStatus::Active)
        .map(|o| (o.id.0, o.name.clone()))
        .collect::<Vec<_>>();
    let exact = tree.children.iter().all(|o| o.kind == OrgKind::PartyGroup);
    let count = tree.parent.as_ref().map(|p| p.counts.members()).filter(|n| exact && *n > 0);
    (groups, count)
}

#[component]
fn NewBatch() -> Html {
    let texts = use_texts();
    let (f, b) = (form_of(texts), batch_of(texts));
    let session = use_session();
    let navigator = use_navigator();
    let me = session.me.clone();
    let role = me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    // A branch secretary moves their own branch (or one of its groups).
    let own_branch = role == RoleKind::Branch;
    let form = use_state(|| Form {
        branch: me.as_ref().filter(|_| own_branch).map(|m| (m.active_role.org_id.0, m.active_role.org_name.clone())),
        group: String::new(),
        kind: TransferKind::Within,
        to: None,
        to_unit: String::new(),
        secret: false,
        reason: String::new(),
    });
    let branch_id = form.branch.as_ref().map(|o| o.0);
    let (tree, _) = use_load(branch_id, |branch| async move {
        match branch {
            Some(id) => crate::api::org_tree(Some(id)).await.map(Some),
            None => Ok(None),
        }
    });
    let attempted = use_state(|| false);
    let confirming = use_state(|| false);
    let opened = Callback::from(move |cases: Vec<TransferView>| match cases.first() {
        Some(c) => navigator.push(&Route::TransferBatch { id: c.batch_id.unwrap_or(c.id) }),
        None => navigator.push(&Route::Transfers),
    });
    let (submit, busy, error) = use_submit(
        {
            let form = form.clone();
            move || {
                let input = check(f, b, &form).0;
                async move {
                    match input {
                        Some(input) => crate::api::transfers::start_batch(&input).await,
                        None => Err(ApiError::local(f.fix_errors)),
                    }
                }
            }
        },
        opened,
    );
    if !permissions::may(role, Action::RunTransfers) {
        return html! { <Empty text={b.officials_only} /> };
    }
    let client = if *attempted { check(f, b, &form).1 } else { BTreeMap::new() };
    let err = |field: &str| client.get(field).map(|m| AttrValue::Static(m)).or_else(|| field_error(&error, field));
    // Asks first; the form's own problems show without asking.
    let ask = {
        let (form, attempted, confirming, submit) =
            (form.clone(), attempted.clone(), confirming.clone(), submit.clone());
        Callback::from(move |_| {
            attempted.set(true);
            if check(f, b, &form).1.is_empty() {
                confirming.set(true);
            } else {
                submit.emit(());
            }
        })
    };
    let confirm = {
        let (confirming, submit) = (confirming.clone(), submit.clone());
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            submit.emit(());
        })
    };
    let update = |change: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            change(&mut next, v);
            form.set(next);
        })
    };
    let on_branch = {
        let form = form.clone();
        Callback::from(move |branch: Picked| form.set(Form { branch, group: String::new(), ..(*form).clone() }))
    };
    let on_to = {
        let form = form.clone();
        Callback::from(move |to: Picked| form.set(Form { to, ..(*form).clone() }))
    };
    let kind_option = |kind: TransferKind, hint: &'static str| {
        let form = form.clone();
        let checked = form.kind == kind;
        let onchange = Callback::from(move |_: Event| form.set(Form { kind, to: None, ..(*form).clone() }));
        html! {
            <label class={classes!("choice-option", checked.then_some("active"))}>
                <input type="radio" name="batch_kind" id={format!("batch-kind-{}", kind.code())} value={kind.code()} {checked} {onchange} />
                <span><strong>{ kind.label() }</strong><span class="list-sub">{ hint }</span></span>
            </label>
        }
    };
    let v = &*form;
    let (groups, count) = scope_of(&tree);
    let scope_option = |value: String, label: String, hint: String| {
        let form = form.clone();
        let checked = form.group == value;
        let id = if value.is_empty() { "scope-branch".to_string() } else { format!("scope-{value}") };
        let onchange = {
            let value = value.clone();
            Callback::from(move |_: Event| form.set(Form { group: value.clone(), ..(*form).clone() }))
        };
        html! {
            <label class={classes!("choice-option", checked.then_some("active"))}>
                <input type="radio" name="batch_scope" {id} value={value} {checked} {onchange} />
                <span><strong>{ label }</strong><span class="list-sub">{ hint }</span></span>
            </label>
        }
    };
    let branch_name = v.branch.as_ref().map(|o| o.1.clone()).unwrap_or_default();
    let group = groups.iter().find(|g| g.0.to_string() == v.group);
    let org_name = group.map(|g| g.1.clone()).unwrap_or_else(|| branch_name.clone());
    let to_name = match v.kind {
        TransferKind::Within => v.to.as_ref().map(|o| o.1.clone()).unwrap_or_default(),
        _ => v.to_unit.trim().to_string(),
    };
    let question = (b.confirm)(&org_name, count.filter(|_| group.is_none()), v.kind.label(), &to_name);
    let reason_error = err("reason");
    let scope_error = if v.branch.is_some() { err("org_id") } else { None };
    html! {
        <div class="page transfer-new transfer-batch-new">
            <section class="card">
                <h1 class="page-title">{ b.title }</h1>
                <p class="muted">{ b.intro }</p>
                <form class="form" id="batch-form" novalidate=true onsubmit={on_submit(&ask)}>
                    if own_branch {
                        <div class="field picker" id="org_id-picker">
                            <span class="picker-label">{ b.from_branch }</span>
                            <div class="picked" id="org_id-picked" data-org={branch_id.unwrap_or_default().to_string()}>
                                <span class="list-title">{ branch_name.clone() }</span>
                            </div>
                        </div>
                    } else {
                        <BranchPicker label={b.from_branch} name="org_id" value={v.branch.clone()} on_change={on_branch}
                            within_reach=true error={if v.branch.is_none() { err("org_id") } else { None }} />
                    }
                    if v.branch.is_some() {
                        <fieldset class={classes!("choice", "batch-scope", scope_error.is_some().then_some("invalid"))} id="batch-scope">
                            <legend>{ b.scope }</legend>
                            { scope_option(String::new(), (b.whole_branch)(&branch_name), (b.all_members)(count)) }
                            { for groups.iter().map(|(id, name)| scope_option(id.to_string(), name.clone(), b.group_hint.to_string())) }
                            if let Some(e) = scope_error { <p class="field-error" id="batch-scope-error">{ e }</p> }
                        </fieldset>
                    }
                    <fieldset class="choice" id="batch-kind">
                        <legend>{ f.kind }</legend>
                        { kind_option(TransferKind::Within, b.within_hint) }
                        { kind_option(TransferKind::Out, b.out_hint) }
                    </fieldset>
                    <div class="form-grid">
                        if v.kind == TransferKind::Within {
                            <BranchPicker label={f.to_branch} name="to_org_id" value={v.to.clone()} on_change={on_to} exclude={branch_id} error={err("to_org_id")} />
                        } else {
                            <TextField label={f.to_unit} name="to_unit" value={v.to_unit.clone()} placeholder={f.to_unit_hint}
                                oninput={update(|f, v| f.to_unit = v)} error={err("to_unit")} />
                        }
                    </div>
                    if v.kind == TransferKind::Out {
                        <label class="check"><input type="checkbox" id="batch-secret" checked={v.secret}
                            onchange={let form = form.clone(); move |_| form.set(Form { secret: !form.secret, ..(*form).clone() })} />{ f.secret }</label>
                    }
                    <div class={classes!("field", reason_error.is_some().then_some("invalid"))}>
                        <label for="field-reason">{ f.reason }</label>
                        <textarea id="field-reason" name="reason" rows="3" maxlength="500" placeholder={b.reason_hint} value={v.reason.clone()}
                            aria-invalid={reason_error.is_some().to_string()}
                            oninput={let s = update(|f, v| f.reason = v); move |e: InputEvent| s.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())} />
                        if let Some(e) = reason_error { <p class="field-error" id="field-reason-error">{ e }</p> }
                    </div>
                    { problem(&error, "batch-error", f.conflict) }
                    if *confirming {
                        <div class="reject-box confirm-box" role="dialog" aria-labelledby="batch-confirm-title" id="batch-confirm">
                            <p class="list-title" id="batch-confirm-title">{ b.confirm_title }</p>
                            <p id="batch-confirm-text">{ question }</p>
                            <div class="form-actions">
                                <button class="button secondary" type="button" id="batch-confirm-cancel"
                                    onclick={let c = confirming.clone(); move |_| c.set(false)}>{ texts.cancel }</button>
                                <button class="button primary" type="button" id="batch-confirm-ok" disabled={*busy} onclick={confirm}>{ b.confirm_button }</button>
                            </div>
                        </div>
                    } else {
                        <div class="form-actions">
                            <Link to={Route::Transfers} classes="button secondary">{ texts.cancel }</Link>
                            <button class="button primary" type="submit" id="batch-submit" disabled={*busy}>{ if *busy { texts.loading } else { b.submit } }</button>
                        </div>
                    }
                </form>
            </section>
        </div>
    }
}
