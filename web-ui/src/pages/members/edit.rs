//! Editing a record. The form checks with the same rules as the server (`shared`) before
//! sending, and shows the server's field errors on the right field.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use shared::api::members::{MemberFields, MemberView, UpdateMemberRequest};
use shared::member_input::ValidMemberFields;
use shared::{Education, MembershipStatus, Occupation};
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::fields::{SelectField, TextField, code_options};
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

/// The form exactly as typed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Form {
    name: String,
    id_card_number: String,
    phone: String,
    ethnicity: String,
    education: String,
    occupation: String,
    work_unit: String,
    department: String,
    employee_number: String,
    membership_status: String,
    join_date: String,
    full_member_date: String,
}

impl Form {
    fn from_view(m: &MemberView) -> Form {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Form {
            name: m.name.clone(),
            id_card_number: m.id_card_number.clone(),
            phone: m.phone.clone().unwrap_or_default(),
            ethnicity: m.ethnicity.clone(),
            education: m.education.map(|e| e.code().to_string()).unwrap_or_default(),
            occupation: m.occupation.map(|o| o.code().to_string()).unwrap_or_default(),
            work_unit: m.work_unit.clone().unwrap_or_default(),
            department: m.department.clone().unwrap_or_default(),
            employee_number: m.employee_number.clone().unwrap_or_default(),
            membership_status: m.membership_status.code().to_string(),
            join_date: date(m.join_date),
            full_member_date: date(m.full_member_date),
        }
    }

    /// The request fields, or the errors of fields that are not even well formed (dates).
    fn to_fields(&self) -> (MemberFields, BTreeMap<String, String>) {
        let mut errors = BTreeMap::new();
        let mut date = |field: &str, text: &str| -> Option<NaiveDate> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            shared::time::parse_date(text).or_else(|| {
                errors.insert(field.to_string(), crate::i18n::stored().date_format_hint.to_string());
                None
            })
        };
        let join_date = date("join_date", &self.join_date);
        let full_member_date = date("full_member_date", &self.full_member_date);
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let fields = MemberFields {
            name: self.name.clone(),
            id_card_number: self.id_card_number.clone(),
            gender: None,
            birth_date: None,
            ethnicity: text(&self.ethnicity),
            phone: text(&self.phone),
            education: Education::from_code(&self.education),
            occupation: Occupation::from_code(&self.occupation),
            work_unit: text(&self.work_unit),
            department: text(&self.department),
            employee_number: text(&self.employee_number),
            membership_status: MembershipStatus::from_code(&self.membership_status).unwrap_or_default(),
            join_date,
            full_member_date,
        };
        (fields, errors)
    }
}

/// Today as YYYY-MM-DD, for date inputs.
pub fn today_string() -> String {
    today().to_string()
}

/// Today in China (UTC+8), for the same date rules as the server.
pub fn today() -> NaiveDate {
    let now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    shared::time::china_date(now)
}

/// Client-side check with the shared rules: field → message.
fn check(form: &Form) -> (MemberFields, BTreeMap<String, String>) {
    let (fields, mut errors) = form.to_fields();
    if let Err(found) = ValidMemberFields::parse(&fields, today()) {
        for e in found {
            errors.entry(e.field).or_insert(e.message);
        }
    }
    (fields, errors)
}

#[derive(Properties, PartialEq)]
pub struct EditProps {
    pub id: i64,
}

#[component]
pub fn MemberEditPage(props: &EditProps) -> Html {
    let (member, retry) = use_load(props.id, crate::api::member);
    html! {
        <div class="page member-edit">
            { render(&member, &retry, |m| html! { <EditForm member={m.clone()} /> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EditFormProps {
    member: MemberView,
}

#[component]
fn EditForm(props: &EditFormProps) -> Html {
    let texts = use_texts();
    let navigator = use_navigator();
    let form = use_state(|| Form::from_view(&props.member));
    let errors = use_state(BTreeMap::<String, String>::new);
    let attempted = use_state(|| false);

    let setter = |update: fn(&mut Form, String)| {
        let (form, errors, attempted) = (form.clone(), errors.clone(), attempted.clone());
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            update(&mut next, value);
            // After a first submit, errors follow the typing.
            if *attempted {
                errors.set(check(&next).1);
            }
            form.set(next);
        })
    };
    let id = props.member.id.0;
    let saved = Callback::from(move |_: MemberView| navigator.push(&Route::Member { id }));
    let (save, saving, failure) = use_submit(
        {
            let (form, errors, attempted) = (form.clone(), errors.clone(), attempted.clone());
            let (version, party_group_id) = (props.member.version, props.member.party_group_id);
            move || {
                attempted.set(true);
                let (fields, found) = check(&form);
                let invalid = !found.is_empty();
                errors.set(found);
                let body = UpdateMemberRequest { version, party_group_id, fields };
                async move {
                    if invalid {
                        return Err(ApiError::local(texts.fix_errors));
                    }
                    crate::api::update_member(id, &body).await
                }
            }
        },
        saved,
    );
    // The browser's own checks first, then what the server refused.
    let server_fields = failure.as_ref().map(|e| e.fields()).unwrap_or_default();
    let error = |field: &str| {
        let server = || server_fields.iter().find(|f| f.field == field).map(|f| f.message.clone());
        errors.get(field).cloned().or_else(server).map(AttrValue::from)
    };
    let f = &*form;
    html! {
        <form class="card form" onsubmit={on_submit(&save)} novalidate=true>
            <h1 class="page-title">{ texts.edit }{ " · " }{ props.member.name.clone() }</h1>
            if let Some(e) = &*failure {
                <p class="form-error" role="alert" id="form-message">{ e.body.message.clone() }</p>
            }
            <div class="form-grid">
                <TextField label={texts.name} name="name" value={f.name.clone()} error={error("name")} oninput={setter(|f, v| f.name = v)} />
                <TextField label={texts.id_card_number} name="id_card_number" value={f.id_card_number.clone()} error={error("id_card_number")} oninput={setter(|f, v| f.id_card_number = v)} />
                <TextField label={texts.phone} name="phone" input_type="tel" inputmode={Some(AttrValue::Static("tel"))} value={f.phone.clone()} error={error("phone")} oninput={setter(|f, v| f.phone = v)} />
                <TextField label={texts.ethnicity} name="ethnicity" value={f.ethnicity.clone()} error={error("ethnicity")} oninput={setter(|f, v| f.ethnicity = v)} />
                <SelectField label={texts.education} name="education" value={f.education.clone()} error={error("education")}
                    options={code_options(Education::ALL, Education::code, Education::label, texts.not_set)} onchange={setter(|f, v| f.education = v)} />
                <SelectField label={texts.occupation} name="occupation" value={f.occupation.clone()} error={error("occupation")}
                    options={code_options(Occupation::ALL, Occupation::code, Occupation::label, texts.not_set)} onchange={setter(|f, v| f.occupation = v)} />
                <TextField label={texts.work_unit} name="work_unit" value={f.work_unit.clone()} error={error("work_unit")} oninput={setter(|f, v| f.work_unit = v)} />
                <TextField label={texts.department} name="department" value={f.department.clone()} error={error("department")} oninput={setter(|f, v| f.department = v)} />
                <TextField label={texts.employee_number} name="employee_number" value={f.employee_number.clone()} error={error("employee_number")} oninput={setter(|f, v| f.employee_number = v)} />
                <SelectField label={texts.status} name="membership_status" value={f.membership_status.clone()} error={error("membership_status")}
                    options={MembershipStatus::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect::<Vec<_>>()} onchange={setter(|f, v| f.membership_status = v)} />
                <TextField label={texts.join_date} name="join_date" input_type="date" value={f.join_date.clone()} error={error("join_date")} oninput={setter(|f, v| f.join_date = v)} />
                <TextField label={texts.full_member_date} name="full_member_date" input_type="date" value={f.full_member_date.clone()} error={error("full_member_date")} oninput={setter(|f, v| f.full_member_date = v)} />
            </div>
            <div class="form-actions">
                <Link to={Route::Member { id: props.member.id.0 }} classes="button secondary">{ texts.cancel }</Link>
                <button class="button primary" type="submit" id="save" disabled={*saving}>{ if *saving { texts.saving } else { texts.save } }</button>
            </div>
        </form>
    }
}
