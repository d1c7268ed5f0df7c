//! `/transfers/incoming`: the receiving branch (or its 党委) registers an incoming 介绍信: the
//! letter, the person as written on it (身份证号码 and phone checked with the same rules as the
//! server), 党费交至, whether the 党员档案 was checked, 涉密. The person joins the roll only when
//! the case is accepted.

use std::collections::BTreeMap;

use shared::api::members::MemberFields;
use shared::api::transfers::{IncomingLetter, TransferDetail};
use shared::member_input::ValidMemberFields;
use shared::permissions::{self, Action};
use shared::{MembershipStatus, OrgId, RoleKind};
use yew::prelude::*;

use super::picker::{BranchPicker, Picked};
use super::{field_error, problem, text};
use crate::api::ApiError;
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_submit};
use crate::components::states::Empty;
use crate::i18n::transfers::{FormTexts, form_of};
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `transfer_incoming` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::TransferIncoming => html! { <RegisterLetter /> },
        _ => Html::default(),
    }
}

/// The form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Form {
    to: Picked,
    letter_no: String,
    issuing_org: String,
    issued_on: String,
    valid_until: String,
    name: String,
    id_card_number: String,
    phone: String,
    status: String,
    join_date: String,
    full_member_date: String,
    dues_paid_through: String,
    archive_checked: bool,
    secret: bool,
}

/// The request when nothing is missing, and the problems by request field (`member.phone` …).
fn check(f: &FormTexts, form: &Form) -> (Option<IncomingLetter>, BTreeMap<String, String>) {
    let today = crate::pages::members::edit::today();
    let mut errors = BTreeMap::new();
    let mut fail = |field: &str, message: &str| {
        errors.entry(field.to_string()).or_insert_with(|| message.to_string());
    };
    let date = |s: &str| shared::time::parse_date(s.trim());
    if form.to.is_none() {
        fail("to_org_id", f.pick_branch);
    }
    if form.letter_no.trim().is_empty() {
        fail("letter_no", f.need_letter_no);
    }
    if form.issuing_org.trim().is_empty() {
        fail("issuing_org", f.need_issuing_org);
    }
    let (issued_on, valid_until) = (date(&form.issued_on), date(&form.valid_until));
    match issued_on {
        None => fail("issued_on", f.need_date),
        Some(d) if d > today => fail("issued_on", f.issued_in_future),
        _ => {}
    }
    match (issued_on, valid_until) {
        (_, None) => fail("valid_until", f.need_date),
        (Some(a), Some(b)) if b < a => fail("valid_until", f.until_before_issued),
        _ => {}
    }
    let month = text(&form.dues_paid_through);
    if month.as_deref().is_some_and(|m| shared::rules::dues_payment::parse_month(m).is_none()) {
        fail("dues_paid_through", f.bad_month);
    }
    let optional_date = |s: &str| text(s).and_then(|s| shared::time::parse_date(&s));
    let member = MemberFields {
        name: form.name.trim().to_string(),
        id_card_number: form.id_card_number.trim().to_string(),
        gender: None,
        birth_date: None,
        ethnicity: None,
        phone: text(&form.phone),
        education: None,
        occupation: None,
        work_unit: None,
        department: None,
        employee_number: None,
        membership_status: MembershipStatus::from_code(&form.status).unwrap_or(MembershipStatus::Formal),
        join_date: optional_date(&form.join_date),
        full_member_date: if form.status == MembershipStatus::Formal.code() {
            optional_date(&form.full_member_date)
        } else {
            None
        },
    };
    if let Err(found) = ValidMemberFields::parse(&member, today) {
        for e in found {
            fail(&format!("member.{}", e.field), &e.message);
        }
    }
    let letter = match (&form.to, issued_on, valid_until, errors.is_empty()) {
        (Some((org, _)), Some(issued_on), Some(valid_until), true) => Some(IncomingLetter {
            to_org_id: OrgId(*org),
            letter_no: form.letter_no.trim().to_string(),
            issuing_org: form.issuing_org.trim().to_string(),
            issued_on,
            valid_until,
            member,
            dues_paid_through: month,
            archive_checked: form.archive_checked,
            secret: form.secret,
        }),
        _ => None,
    };
    (letter, errors)
}

#[component]
fn RegisterLetter() -> Html {
    let texts = use_texts();
    let f = form_of(texts);
    let session = use_session();
    let navigator = use_navigator();
    let me = session.me.clone();
    let role = me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    // A branch registers for itself by default.
    let form = use_state(|| Form {
        to: me
            .as_ref()
            .filter(|m| m.active_role.kind == RoleKind::Branch)
            .map(|m| (m.active_role.org_id.0, m.active_role.org_name.clone())),
        status: MembershipStatus::Formal.code().into(),
        ..Form::default()
    });
    let attempted = use_state(|| false);
    let opened = Callback::from(move |d: TransferDetail| navigator.push(&Route::Transfer { id: d.transfer.id }));
    let (submit, busy, error) = use_submit(
        {
            let (form, attempted) = (form.clone(), attempted.clone());
            move || {
                attempted.set(true);
                let letter = check(f, &form).0;
                async move {
                    match letter {
                        Some(letter) => crate::api::transfers::register_incoming(&letter).await,
                        None => Err(ApiError::local(f.fix_errors)),
                    }
                }
            }
        },
        opened,
    );
    if !permissions::may(role, Action::RunTransfers) {
        return html! { <Empty text={f.officials_only} /> };
    }
    let client = if *attempted { check(f, &form).1 } else { BTreeMap::new() };
    let err =
        |field: &str| client.get(field).map(|m| AttrValue::from(m.clone())).or_else(|| field_error(&error, field));
    let set = |update: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            update(&mut next, v);
            form.set(next);
        })
    };
    let toggle = |update: fn(&mut Form)| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            update(&mut next);
            form.set(next);
        })
    };
    let on_to = {
        let form = form.clone();
        Callback::from(move |to: Picked| form.set(Form { to, ..(*form).clone() }))
    };
    let statuses = [MembershipStatus::Formal, MembershipStatus::Probationary]
        .iter()
        .map(|s| (s.code().to_string(), s.label().to_string()))
        .collect::<Vec<_>>();
    let v = &*form;
    html! {
        <div class="page transfer-incoming">
            <section class="card">
                <h1 class="page-title">{ f.incoming_title }</h1>
                <p class="muted">{ f.incoming_intro }</p>
                <form class="form" id="incoming-form" novalidate=true onsubmit={on_submit(&submit)}>
                    <h2>{ f.letter }</h2>
                    <div class="form-grid">
                        <BranchPicker label={f.receiving_branch} name="to_org_id" value={v.to.clone()} on_change={on_to} error={err("to_org_id")} />
                        <TextField label={f.letter_no} name="letter_no" value={v.letter_no.clone()} oninput={set(|f, v| f.letter_no = v)} error={err("letter_no")} />
                        <TextField label={f.issuing_org} name="issuing_org" value={v.issuing_org.clone()} oninput={set(|f, v| f.issuing_org = v)} error={err("issuing_org")} />
                        <TextField label={f.issued_on} name="issued_on" input_type="date" value={v.issued_on.clone()} oninput={set(|f, v| f.issued_on = v)} error={err("issued_on")} />
                        <TextField label={f.valid_until} name="valid_until" input_type="date" value={v.valid_until.clone()} oninput={set(|f, v| f.valid_until = v)} error={err("valid_until")} />
                        <TextField label={f.dues_paid_through} name="dues_paid_through" input_type="month" placeholder="2026-11" value={v.dues_paid_through.clone()}
                            oninput={set(|f, v| f.dues_paid_through = v)} error={err("dues_paid_through")} />
                    </div>
                    <h2>{ f.person }</h2>
                    <div class="form-grid">
                        <TextField label={texts.name} name="member_name" value={v.name.clone()} oninput={set(|f, v| f.name = v)} error={err("member.name")} />
                        <TextField label={texts.id_card_number} name="member_id_card_number" value={v.id_card_number.clone()} autocomplete={Some(AttrValue::Static("off"))}
                            oninput={set(|f, v| f.id_card_number = v)} error={err("member.id_card_number")} />
                        <TextField label={texts.phone} name="member_phone" input_type="tel" inputmode={Some(AttrValue::Static("tel"))} value={v.phone.clone()}
                            oninput={set(|f, v| f.phone = v)} error={err("member.phone")} />
                        <SelectField label={texts.status} name="member_membership_status" options={statuses} value={v.status.clone()}
                            onchange={set(|f, v| f.status = v)} error={err("member.membership_status")} />
                        <TextField label={texts.join_date} name="member_join_date" input_type="date" value={v.join_date.clone()} oninput={set(|f, v| f.join_date = v)} error={err("member.join_date")} />
                        if v.status == MembershipStatus::Formal.code() {
                            <TextField label={texts.full_member_date} name="member_full_member_date" input_type="date" value={v.full_member_date.clone()}
                                oninput={set(|f, v| f.full_member_date = v)} error={err("member.full_member_date")} />
                        }
                    </div>
                    <label class="check"><input type="checkbox" id="incoming-archive" checked={v.archive_checked} onchange={toggle(|f| f.archive_checked = !f.archive_checked)} />{ f.archive_checked }</label>
                    <label class="check"><input type="checkbox" id="incoming-secret" checked={v.secret} onchange={toggle(|f| f.secret = !f.secret)} />{ f.secret }</label>
                    { problem(&error, "incoming-error", f.conflict) }
                    <div class="form-actions">
                        <Link to={Route::Transfers} classes="button secondary">{ texts.cancel }</Link>
                        <button class="button primary" type="submit" id="incoming-submit" disabled={*busy}>{ if *busy { texts.loading } else { f.register } }</button>
                    </div>
                </form>
            </section>
        </div>
    }
}
