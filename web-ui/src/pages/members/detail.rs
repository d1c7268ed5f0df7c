//! One person's record.

use shared::api::members::MemberView;
use shared::permissions::{self, Action};
use yew::prelude::*;

use crate::components::load::use_load;
use crate::components::states::render;
use crate::i18n::Texts;
use crate::router::Link;
use crate::routes::Route;
use crate::state::{use_session, use_texts};

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: i64,
}

fn row(label: &str, value: Option<String>, texts: &Texts) -> Html {
    html! {
        <div class="kv"><dt>{ label.to_string() }</dt><dd>{ value.filter(|v| !v.is_empty()).unwrap_or_else(|| texts.not_set.to_string()) }</dd></div>
    }
}

fn fields(m: &MemberView, texts: &Texts) -> Html {
    html! {
        <dl class="kv-list">
            { row(texts.gender, Some(m.gender.label().into()), texts) }
            { row(texts.birth_date, Some(format!("{}（{}{}）", m.birth_date, m.age, texts.age_unit)), texts) }
            { row(texts.ethnicity, Some(m.ethnicity.clone()), texts) }
            { row(texts.id_card_number, Some(m.id_card_number.clone()), texts) }
            { row(texts.phone, m.phone.clone(), texts) }
            { row(texts.education, m.education.map(|e| e.label().into()), texts) }
            { row(texts.occupation, m.occupation.map(|o| o.label().into()), texts) }
            { row(texts.work_unit, m.work_unit.clone(), texts) }
            { row(texts.department, m.department.clone(), texts) }
            { row(texts.employee_number, m.employee_number.clone(), texts) }
            { row(texts.org, Some(m.org_name.clone()), texts) }
            { row(texts.party_group, m.party_group_name.clone(), texts) }
            { row(texts.join_date, m.join_date.map(|d| d.to_string()), texts) }
            { row(texts.full_member_date, m.full_member_date.map(|d| d.to_string()), texts) }
            { row(texts.party_standing, m.party_standing_years.map(|y| format!("{y} {}", texts.years)), texts) }
        </dl>
    }
}

#[component]
pub fn MemberDetailPage(props: &DetailProps) -> Html {
    let texts = use_texts();
    let session = use_session();
    let can_edit =
        session.me.as_ref().is_some_and(|me| permissions::manages(me.active_role.kind, Action::ManageMembers));
    let (member, retry) = use_load(props.id, crate::api::member);
    html! {
        <div class="page member-detail">
            { render(&member, &retry, |m| html! {
                <section class="card">
                    <div class="card-head">
                        <h1 class="page-title" id="member-name">{ m.name.clone() }<span class="tag">{ m.membership_status.label() }</span></h1>
                        if can_edit && m.left.is_none() {
                            <Link to={Route::MemberEdit { id: m.id.0 }} classes="button primary" >{ texts.edit }</Link>
                        }
                    </div>
                    if let Some(left) = &m.left {
                        <p class="notice">{ format!("{}：{} {}（{}）", texts.left_record, left.kind.label(), left.date, left.reason) }</p>
                    }
                    { fields(m, texts) }
                </section>
            }) }
        </div>
    }
}
