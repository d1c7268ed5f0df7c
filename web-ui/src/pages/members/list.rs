//! Members of the selected subtree: search, filters, a table on desktop and cards on phones,
//! and "load more" pages by cursor.

use shared::api::members::MemberSummary;
use shared::{Education, Gender, MembershipStatus, Occupation};
use web_sys::SubmitEvent;
use yew::prelude::*;

pub use super::filters::ListQuery;
use super::filters::active_line;
use crate::components::fields::{SelectField, TextField, code_options};
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::router::{Link, use_location, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

fn non_empty(value: String) -> Option<String> {
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

#[component]
pub fn MemberListPage() -> Html {
    let texts = use_texts();
    let navigator = use_navigator();
    let query = use_location().query::<ListQuery>().unwrap_or_default();
    let draft = use_state(|| query.clone());
    let paged =
        use_paged(query.clone(), |query, cursor| async move { crate::api::members(&query.to_api(cursor)).await });
    {
        let draft = draft.clone();
        use_effect_with(query.clone(), move |query| {
            draft.set(query.clone());
            || ()
        });
    }
    let pages = &paged.state;
    let apply = {
        let (navigator, draft) = (navigator.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            navigator.push_with_query(&Route::Members, &*draft);
        })
    };
    let clear = {
        let navigator = navigator.clone();
        let org_id = query.org_id.clone();
        Callback::from(move |_| {
            navigator.push_with_query(&Route::Members, &ListQuery { org_id: org_id.clone(), ..ListQuery::default() });
        })
    };
    let set = |update: fn(&mut ListQuery, Option<String>)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            update(&mut next, non_empty(value));
            draft.set(next);
        })
    };
    let value = |v: &Option<String>| AttrValue::from(v.clone().unwrap_or_default());
    let mut status_options =
        code_options(MembershipStatus::ALL, MembershipStatus::code, MembershipStatus::label, texts.all);
    // Several statuses at once (`formal,probationary`, from a dashboard number) are one choice.
    if let Some(codes) = draft.status.as_ref().filter(|c| !status_options.iter().any(|(v, _)| v == *c)) {
        let label = codes.split(',').map(|c| MembershipStatus::from_code(c.trim()).map_or(c, |s| s.label()));
        status_options.push((codes.clone(), label.collect::<Vec<_>>().join("、")));
    }
    html! {
        <div class="page members">
            <form class="card filters" onsubmit={apply} role="search">
                <div class="filter-main">
                    <TextField label={texts.search} name="q" value={value(&draft.q)} placeholder={texts.search_members} oninput={set(|q, v| q.q = v)} />
                    <button class="button primary" type="submit" id="apply-filters">{ texts.search }</button>
                </div>
                <details class="filter-more" open={draft.status.is_some() || draft.gender.is_some() || draft.education.is_some() || draft.occupation.is_some() || draft.age_min.is_some() || draft.age_max.is_some()}>
                    <summary>{ texts.filters }</summary>
                    <div class="filter-grid">
                        <SelectField label={texts.status} name="status" value={value(&draft.status)} options={status_options} onchange={set(|q, v| q.status = v)} />
                        <SelectField label={texts.gender} name="gender" value={value(&draft.gender)} options={code_options(Gender::ALL, Gender::code, Gender::label, texts.all)} onchange={set(|q, v| q.gender = v)} />
                        <SelectField label={texts.education} name="education" value={value(&draft.education)} options={code_options(Education::ALL, Education::code, Education::label, texts.all)} onchange={set(|q, v| q.education = v)} />
                        <SelectField label={texts.occupation} name="occupation" value={value(&draft.occupation)} options={code_options(Occupation::ALL, Occupation::code, Occupation::label, texts.all)} onchange={set(|q, v| q.occupation = v)} />
                        <TextField label={texts.age_from} name="age_min" input_type="number" inputmode={Some(AttrValue::Static("numeric"))} value={value(&draft.age_min)} oninput={set(|q, v| q.age_min = v)} />
                        <TextField label={texts.age_to} name="age_max" input_type="number" inputmode={Some(AttrValue::Static("numeric"))} value={value(&draft.age_max)} oninput={set(|q, v| q.age_max = v)} />
                    </div>
                    <button class="link-button" type="button" onclick={clear}>{ texts.clear_filters }</button>
                </details>
            </form>
            if pages.items.is_empty() && !pages.loading && pages.error.is_none() {
                { active_line(texts, &query) }
                <Empty text={texts.no_members} />
            } else if !pages.items.is_empty() {
                { active_line(texts, &query) }
                <p class="muted" id="member-total">{ texts.total_prefix }{ pages.total.unwrap_or_default() }{ texts.total_suffix }</p>
                { member_table(texts, &pages.items) }
                { member_cards(&pages.items) }
            }
            <LoadMore<MemberSummary> paged={paged.clone()} />
        </div>
    }
}

fn member_table(texts: &crate::i18n::Texts, items: &[MemberSummary]) -> Html {
    html! {
        <table class="table wide-only">
            <thead><tr>
                <th>{ texts.name }</th><th>{ texts.gender }</th><th>{ texts.age }</th><th>{ texts.status }</th>
                <th>{ texts.education }</th><th>{ texts.org }</th><th>{ texts.join_date }</th><th>{ texts.employee_number }</th>
            </tr></thead>
            <tbody>{ for items.iter().map(|m| html! {
                <tr>
                    <td><Link to={Route::Member { id: m.id.0 }}>{ m.name.clone() }</Link></td>
                    <td>{ m.gender.label() }</td><td>{ m.age }</td><td>{ m.membership_status.label() }</td>
                    <td>{ m.education.map(|e| e.label()).unwrap_or("") }</td><td>{ m.org_name.clone() }</td>
                    <td>{ m.join_date.map(|d| d.to_string()).unwrap_or_default() }</td><td>{ m.employee_number.clone().unwrap_or_default() }</td>
                </tr>
            }) }</tbody>
        </table>
    }
}

fn member_cards(items: &[MemberSummary]) -> Html {
    html! {
        <ul class="list cards phone-only">{ for items.iter().map(|m| html! {
            <li><Link to={Route::Member { id: m.id.0 }} classes="list-link">
                <span class="list-title">{ m.name.clone() }<span class="tag">{ m.membership_status.label() }</span></span>
                <span class="list-sub">{ format!("{} · {}{} · {}", m.gender.label(), m.age, crate::i18n::stored().age_unit, m.org_name) }</span>
            </Link></li>
        }) }</ul>
    }
}
