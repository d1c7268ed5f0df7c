//! One meeting: notice and own response for attendees; for those running it the rotating QR
//! code, attendance with leave approvals, live quorum, the record, sign-off and amendments.

use std::cell::Cell;
use std::rc::Rc;

use shared::api::meetings::{
    AmendField, AmendRequest, AttendanceResponse, CheckinCode, LeaveDecision, MarkAttendanceRequest, MeetingStatus,
    MeetingView, RecordRequest, RespondRequest, Rsvp, SignRequest,
};
use shared::{MeetingId, PersonId};
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::api::meetings::MeetingAction;
use crate::components::fields::TextField;
use crate::components::states::{ErrorBox, Loading};
use crate::state::use_texts;
use crate::state::{SessionAction, use_session};

/// The page of a one-meeting route (the `meeting` area, see `crate::areas`).
pub fn view(route: &crate::routes::Route) -> Html {
    use crate::routes::Route;
    match route {
        Route::Meeting { id } => html! { <MeetingPage id={*id} /> },
        Route::MeetingCheckin { id } => html! { <super::checkin::CheckinPage id={*id} /> },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct MeetingProps {
    pub id: i64,
}

type Slot = UseStateHandle<Option<Result<MeetingView, crate::api::ApiError>>>;

fn run(
    slot: &Slot,
    message: &UseStateHandle<Option<String>>,
    fut: impl std::future::Future<Output = Result<MeetingView, crate::api::ApiError>> + 'static,
) {
    let (slot, message) = (slot.clone(), message.clone());
    spawn_local(async move {
        match fut.await {
            Ok(v) => {
                message.set(None);
                slot.set(Some(Ok(v)));
            }
            Err(e) => message.set(Some(e.fields().first().map_or(e.body.message.clone(), |f| f.message.clone()))),
        }
    });
}

#[component]
pub fn MeetingPage(props: &MeetingProps) -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let session = use_session();
    let view: Slot = use_state(|| None);
    let message = use_state(|| None::<String>);
    let reason = use_state(String::new);
    let minutes = use_state(String::new);
    let decisions = use_state(String::new);
    let lecturer = use_state(String::new);
    let amendment = use_state(String::new);
    let amend_reason = use_state(String::new);
    {
        let (view, session, minutes, decisions, lecturer_init) =
            (view.clone(), session.clone(), minutes.clone(), decisions.clone(), lecturer.clone());
        use_effect_with(props.id, move |id| {
            let id = MeetingId(*id);
            spawn_local(async move {
                match crate::api::meetings::get(id).await {
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    other => {
                        if let Ok(v) = &other {
                            lecturer_init.set(v.lecturer.clone().unwrap_or_default());
                            minutes.set(v.minutes.clone().unwrap_or_default());
                            decisions.set(v.decisions.clone().unwrap_or_default());
                        }
                        view.set(Some(other));
                    }
                }
            });
            || ()
        });
    }
    // While the meeting runs, attendance and the quorum refresh by themselves.
    {
        let view = view.clone();
        use_effect_with(props.id, move |id| {
            let (still, id) = (Rc::new(Cell::new(true)), MeetingId(*id));
            let flag = still.clone();
            spawn_local(async move {
                loop {
                    sleep(std::time::Duration::from_secs(10)).await;
                    if !flag.get() {
                        break;
                    }
                    match crate::api::meetings::get(id).await {
                        Ok(fresh) if fresh.can_manage && fresh.summary.status == MeetingStatus::Planned => {
                            view.set(Some(Ok(fresh)))
                        }
                        _ => break,
                    }
                }
            });
            move || still.set(false)
        });
    }
    let Some(result) = &*view else { return html! { <Loading /> } };
    let v = match result {
        Ok(v) => v.clone(),
        Err(e) => return html! { <ErrorBox error={e.clone()} /> },
    };
    let id = v.summary.id;
    let locked = v.summary.status != MeetingStatus::Planned;
    let me = session.me.as_ref().and_then(|m| m.person_id).map(|p| p.0);
    let mine = v.attendees.iter().find(|a| Some(a.person_id.0) == me).cloned();
    let act = |action: MeetingAction| {
        let (view, message) = (view.clone(), message.clone());
        Callback::from(move |_| {
            run(&view, &message, {
                let action = action.clone();
                async move { crate::api::meetings::act(id, &action).await }
            })
        })
    };
    html! {
        <div class="page meeting">
            <section class="card">
                <h1 class="page-title" id="meeting-topic">{ v.summary.topic.clone() }<span class="tag">{ v.summary.kind.label() }</span></h1>
                <p class="muted">{ format!("{} · {} · {}", shared::time::fmt_minute(v.summary.starts_at), v.place.clone().unwrap_or_default(), v.summary.org_name) }</p>
                if let Some(q) = &v.quorum {
                    <p class={classes!("quorum", q.reached.then_some("ok"))} id="meeting-quorum">
                        { (t.quorum_line)((q.entitled, q.present, if q.reached { t.quorum_reached } else { t.quorum_missing })) }</p>
                }
                if let Some(text) = &*message { <p class="form-error" role="alert" id="meeting-message">{ text.clone() }</p> }
                if let Some(a) = &mine {
                    <p class="notice" id="my-response">{ (t.my_status)((a.response.label(), if a.checked_in_at.is_some() { t.checked_in_suffix } else { "" })) }</p>
                    if !locked && a.checked_in_at.is_none() {
                        <div class="form-actions">
                            <TextField label={t.leave_reason} name="leave_reason" value={(*reason).clone()} oninput={let s = reason.clone(); Callback::from(move |x| s.set(x))} />
                            <button class="button secondary" id="ask-leave" onclick={act(MeetingAction::Respond(RespondRequest { response: Rsvp::Leave, reason: Some((*reason).clone()) }))}>{ t.ask_leave }</button>
                            <button class="button primary" id="confirm" onclick={act(MeetingAction::Respond(RespondRequest { response: Rsvp::Confirm, reason: None }))}>{ t.confirm }</button>
                        </div>
                    }
                }
            </section>
            if v.can_manage && !locked { <QrPanel id={id.0} /> }
            if v.summary.kind == shared::rules::meetings::MeetingKind::DemocraticReview {
                <super::extras::Ratings id={id.0} can_manage={v.can_manage} locked={locked} />
            }
            <super::extras::Attachments id={id.0} can_manage={v.can_manage} locked={locked} />
            if v.can_manage {
                <section class="card">
                    <h2>{ (t.attendees_heading)((v.summary.expected, v.summary.present)) }</h2>
                    <ul class="list" id="attendees">{ for v.attendees.iter().map(|a| {
                        let person = a.person_id.0;
                        html! { <li class="list-row">
                            <span class="list-title">{ a.name.clone() }{ if a.voting { "" } else { t.probationary_mark } }
                                <span class="list-sub">{ format!(" {}{}", a.response.label(), a.leave_reason.clone().map(|r| format!("：{r}")).unwrap_or_default()) }</span></span>
                            if !locked {
                                <span class="form-actions">
                                    if a.response == AttendanceResponse::LeaveRequested {
                                        <button class="button secondary" onclick={act(MeetingAction::DecideLeave(LeaveDecision { person_id: PersonId(person), approve: true }))}>{ t.approve_leave }</button>
                                    }
                                    <button class={classes!("button", if a.checked_in_at.is_some() { "primary" } else { "secondary" })}
                                        onclick={act(MeetingAction::Mark(MarkAttendanceRequest { person_id: PersonId(person), present: a.checked_in_at.is_none() }))}>
                                        { if a.checked_in_at.is_some() { t.present } else { t.mark_present } }</button>
                                </span>
                            }
                        </li> }
                    }) }</ul>
                </section>
                <section class="card form">
                    <h2>{ t.record }</h2>
                    if locked {
                        <div id="minutes-text">{ crate::components::richtext::render(&v.minutes.clone().unwrap_or_default()) }</div>
                        <p class="muted">{ (t.decisions_line)(v.decisions.clone().unwrap_or_default()) }</p>
                        <p class="muted">{ (t.signed_at)(v.signed_at.map(shared::time::fmt_china).unwrap_or_default()) }</p>
                        { for v.amendments.iter().map(|a| html! { <p class="notice">{ (t.amendment_line)((a.field.to_string(), a.before.clone().unwrap_or_default(), a.after.clone().unwrap_or_default(), a.reason.clone())) }</p> }) }
                        <TextField label={t.amended_minutes} name="amend_value" value={(*amendment).clone()} oninput={let s = amendment.clone(); Callback::from(move |x| s.set(x))} />
                        <TextField label={t.amend_reason} name="amend_reason" value={(*amend_reason).clone()} oninput={let s = amend_reason.clone(); Callback::from(move |x| s.set(x))} />
                        <div class="form-actions"><button class="button secondary" id="amend" onclick={act(MeetingAction::Amend(AmendRequest { field: AmendField::Minutes, value: (*amendment).clone(), reason: (*amend_reason).clone(), version: v.version }))}>{ t.submit_amendment }</button></div>
                    } else {
                        <div class="field"><label for="field-minutes">{ t.minutes_label }</label>
                            <crate::components::richtext::RichTextEditor id="field-minutes" value={(*minutes).clone()} oninput={let s = minutes.clone(); Callback::from(move |x: String| s.set(x))} /></div>
                        <TextField label={t.decisions_label} name="decisions" value={(*decisions).clone()} oninput={let s = decisions.clone(); Callback::from(move |x| s.set(x))} />
                        if v.summary.kind == shared::rules::meetings::MeetingKind::PartyLecture {
                            <TextField label={t.lecturer} name="lecturer" value={(*lecturer).clone()} oninput={let s = lecturer.clone(); Callback::from(move |x| s.set(x))} />
                        }
                        <div class="form-actions">
                            <button class="button secondary" id="save-record" onclick={{
                                let (view, message, body) = (view.clone(), message.clone(), RecordRequest { version: v.version, minutes: Some((*minutes).clone()), decisions: Some((*decisions).clone()), lecturer: Some((*lecturer).clone()) });
                                Callback::from(move |_| run(&view, &message, { let body = body.clone(); async move { crate::api::meetings::record(id, &body).await } }))
                            }}>{ t.save_record }</button>
                            <button class="button primary" id="sign" onclick={{
                                let inner = act(MeetingAction::Sign(SignRequest { version: v.version }));
                                Callback::from(move |e| if web_sys::window().and_then(|w| w.confirm_with_message(t.sign_confirm).ok()).unwrap_or(false) { inner.emit(e) })
                            }}>{ t.sign }</button>
                        </div>
                    }
                </section>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct QrProps {
    id: i64,
}

/// The rotating code: refreshed every 20 seconds while the page is open.
#[component]
fn QrPanel(props: &QrProps) -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let code = use_state(|| None::<CheckinCode>);
    {
        let code = code.clone();
        use_effect_with(props.id, move |id| {
            let (still, id) = (Rc::new(Cell::new(true)), *id);
            let flag = still.clone();
            spawn_local(async move {
                while flag.get() {
                    if let Ok(c) = crate::api::meetings::checkin_code(MeetingId(id)).await {
                        code.set(Some(c));
                    }
                    sleep(std::time::Duration::from_secs(20)).await;
                }
            });
            move || still.set(false)
        });
    }
    html! {
        <section class="card qr-panel">
            <h2>{ t.qr_title }</h2>
            if let Some(c) = &*code {
                <div class="qr" id="checkin-qr">{ Html::from_html_unchecked(AttrValue::from(c.qr_svg.clone())) }</div>
                <p class="muted">{ t.qr_hint }</p>
                <p class="muted" id="checkin-code">{ c.code.clone() }</p>
            } else { <Loading /> }
        </section>
    }
}
