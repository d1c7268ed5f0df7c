//! What changes a committee between elections: a member leaves the post (退休、调离、处分…, asked
//! first, with the day and the reason), and the 党委 above appoints a 书记 or 副书记 (上级任命)
//! from the org's 正式党员.

use shared::api::elections::CommitteePost;
use yew::prelude::*;

use super::confirm::Confirm;
use super::{field_error, problem, setter};
use crate::api::ApiError;
use crate::api::committees::Committee;
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::i18n::elections::list_of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct LeaveProps {
    pub org: i64,
    pub seat: i64,
    pub name: String,
    pub on_done: Callback<Committee>,
}

/// 离任: the button, then the box with the day and the reason.
#[component]
pub(super) fn LeaveBox(props: &LeaveProps) -> Html {
    let t = list_of(use_texts());
    let open = use_state(|| false);
    let on = use_state(crate::pages::members::edit::today_string);
    let reason = use_mut_ref(String::new);
    let run = {
        let (org, seat, on, reason) = (props.org, props.seat, on.clone(), reason.clone());
        move || {
            let (on, reason) = ((*on).clone(), reason.borrow().clone());
            async move {
                if shared::time::parse_date(on.trim()).is_none() {
                    return Err(ApiError::local(t.bad_date));
                }
                crate::api::committees::leave(org, seat, on.trim(), &reason).await
            }
        }
    };
    let done = {
        let (open, on_done) = (open.clone(), props.on_done.clone());
        Callback::from(move |c: Committee| {
            open.set(false);
            on_done.emit(c);
        })
    };
    let (submit, busy, error) = use_submit(run, done);
    if !*open {
        return html! {
            <button class="link-button leave-open" type="button" onclick={let o = open.clone(); move |_| o.set(true)}>{ t.leave }</button>
        };
    }
    let confirm = {
        let (reason, submit) = (reason.clone(), submit.clone());
        Callback::from(move |text: String| {
            *reason.borrow_mut() = text;
            submit.emit(());
        })
    };
    let id = format!("leave-{}", props.seat);
    let detail = html! {
        <>
            <TextField label={t.leave_on} name={format!("{id}-on")} input_type="date" value={(*on).clone()} oninput={setter(&on)}
                error={field_error(&error, "on")} />
            { problem(&error, "leave-error", t.conflict) }
        </>
    };
    html! {
        <Confirm id={id} question={(t.leave_question)(&props.name)} {detail} reason={Some(AttrValue::Static(t.leave_reason))}
            confirm={t.leave_confirm} busy={*busy} on_confirm={confirm} on_cancel={let o = open.clone(); move |_| o.set(false)} />
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct AppointProps {
    pub org: i64,
    pub on_done: Callback<Committee>,
}

/// 上级任命: a 正式党员 of the org as 书记 or 副书记, from a day, with the reason.
#[component]
pub(super) fn AppointForm(props: &AppointProps) -> Html {
    let texts = use_texts();
    let t = list_of(texts);
    let person = use_state(String::new);
    let post = use_state(|| CommitteePost::Secretary.code().to_string());
    let on = use_state(crate::pages::members::edit::today_string);
    let reason = use_state(String::new);
    let (people, _) = use_load(props.org, |org| crate::api::committees::people(org, "formal", None));
    let run = {
        let (org, person, post, on, reason) = (props.org, person.clone(), post.clone(), on.clone(), reason.clone());
        move || {
            let person = person.parse::<i64>().ok();
            let post = CommitteePost::from_code(&post).unwrap_or(CommitteePost::Secretary);
            let (on, reason) = ((*on).trim().to_string(), (*reason).trim().to_string());
            async move {
                let Some(person) = person else { return Err(ApiError::local(t.pick_person)) };
                if shared::time::parse_date(&on).is_none() {
                    return Err(ApiError::local(t.bad_date));
                }
                if reason.is_empty() {
                    return Err(ApiError::local(t.need_appoint_reason));
                }
                crate::api::committees::appoint(org, person, post, &on, &reason).await
            }
        }
    };
    let done = {
        let (person, reason, on_done) = (person.clone(), reason.clone(), props.on_done.clone());
        Callback::from(move |c: Committee| {
            person.set(String::new());
            reason.set(String::new());
            on_done.emit(c);
        })
    };
    let (submit, busy, error) = use_submit(run, done);
    let mut options = vec![(String::new(), t.choose.to_string())];
    if let Load::Ready(list) = &*people {
        options.extend(list.iter().map(|p| (p.id.to_string(), p.name.clone())));
    }
    let posts = [CommitteePost::Secretary, CommitteePost::Deputy]
        .iter()
        .map(|p| (p.code().to_string(), p.label().to_string()))
        .collect::<Vec<_>>();
    html! {
        <form class="card form" id="appoint-form" novalidate=true onsubmit={on_submit(&submit)}>
            <h2>{ t.appoint }</h2>
            <p class="muted">{ t.appoint_hint }</p>
            <div class="form-grid">
                <SelectField label={t.person} name="appoint_person" {options} value={(*person).clone()} onchange={setter(&person)}
                    error={field_error(&error, "person_id")} />
                <SelectField label={t.post} name="appoint_post" options={posts} value={(*post).clone()} onchange={setter(&post)}
                    error={field_error(&error, "post")} />
                <TextField label={t.appoint_on} name="appoint_on" input_type="date" value={(*on).clone()} oninput={setter(&on)}
                    error={field_error(&error, "on")} />
                <TextField label={t.appoint_reason} name="appoint_reason" value={(*reason).clone()} oninput={setter(&reason)}
                    error={field_error(&error, "reason")} />
            </div>
            { problem(&error, "appoint-error", t.conflict) }
            <div class="form-actions">
                <button class="button primary" type="submit" id="appoint-submit" disabled={*busy}>{ if *busy { texts.loading } else { t.appoint_submit } }</button>
            </div>
        </form>
    }
}
