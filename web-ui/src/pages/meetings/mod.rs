//! Organisational life: the branch's meetings (or one's own attendance), planning, compliance.

pub mod checkin;
pub mod compliance;
pub mod detail;
pub mod extras;

/// The page of a meetings-area route (see `crate::areas`); one meeting is `detail::view`.
pub fn view(route: &crate::routes::Route) -> yew::Html {
    use crate::routes::Route;
    match route {
        Route::Meetings => yew::html! { <MeetingsPage /> },
        Route::MeetingNew => yew::html! { <MeetingNewPage /> },
        Route::MeetingCompliance => yew::html! { <compliance::CompliancePage /> },
        _ => yew::Html::default(),
    }
}

use shared::api::PageQuery;
use shared::api::meetings::{
    Attendees, MeetingListQuery, MeetingStatus, MeetingSummary, MeetingView, PlanMeetingRequest,
};
use shared::api::members::MemberListQuery;
use shared::permissions::{self, Action};
use shared::rules::meetings::MeetingKind;
use yew::prelude::*;

use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::{Empty, render};
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::use_session;
use crate::state::use_texts;

pub fn meeting_line(m: &MeetingSummary) -> Html {
    let t = crate::i18n::meetings::of(crate::i18n::stored());
    html! {
        <Link to={Route::Meeting { id: m.id.0 }} classes="list-link">
            <span class="list-title">{ m.topic.clone() }<span class="tag">{ m.kind.label() }</span>
                if m.status == MeetingStatus::Signed { <span class="tag">{ m.status.label() }</span> }</span>
            <span class="list-sub">{ (t.summary_line)((shared::time::fmt_minute(m.starts_at), m.org_name.clone(), m.expected, m.present, m.on_leave)) }</span>
        </Link>
    }
}

#[component]
pub fn MeetingsPage() -> Html {
    let session = use_session();
    match session.me.as_ref().map(|m| m.active_role.kind) {
        Some(kind) if permissions::may(kind, Action::RunMeetings) => html! { <BranchMeetings /> },
        _ => html! { <MyMeetings /> },
    }
}

#[component]
fn MyMeetings() -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let (mine, retry) = use_load((), |_| crate::api::meetings::mine());
    html! {
        <div class="page meetings">
            <h1 class="page-title">{ t.my_meetings_title }</h1>
            { render(&mine, &retry, |m| html! {
                <section class="card">
                    <p class="muted" id="my-attendance">{ (t.my_totals)((m.expected, m.attended)) }</p>
                    if m.rows.is_empty() { <Empty text={t.no_meetings} /> } else {
                        <ul class="list" id="my-meetings">{ for m.rows.iter().map(|r| html! { <li>{ meeting_line(&r.meeting) }</li> }) }</ul>
                    }
                </section>
            }) }
        </div>
    }
}

#[component]
fn BranchMeetings() -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let from = crate::pages::members::edit::today() - chrono::Days::new(120);
    let paged = use_paged(from, |from, cursor| async move {
        let query = MeetingListQuery { from: Some(from), page: PageQuery::after(50, cursor), ..Default::default() };
        crate::api::meetings::list(&query).await
    });
    let list = &paged.state;
    html! {
        <div class="page meetings">
            <div class="card-head"><h1 class="page-title">{ t.title }</h1>
                <div class="form-actions">
                    <a class="button secondary" id="ledger-xlsx" href="/api/v1/meetings/ledger?format=xlsx">{ t.ledger_xlsx }</a>
                    <a class="button secondary" id="ledger-pdf" href="/api/v1/meetings/ledger?format=pdf">{ t.ledger_pdf }</a>
                    <Link to={Route::MeetingCompliance} classes="button secondary">{ t.compliance_link }</Link>
                    <Link to={Route::MeetingNew} classes="button primary">{ t.plan }</Link>
                </div></div>
            <section class="card">
                if list.items.is_empty() && !list.loading && list.error.is_none() {
                    <Empty text={t.none_recent} />
                } else {
                    <ul class="list" id="meeting-list">{ for list.items.iter().rev().map(|m| html! { <li>{ meeting_line(m) }</li> }) }</ul>
                }
                <LoadMore<MeetingSummary> paged={paged.clone()} />
            </section>
        </div>
    }
}

/// Planning form.
#[component]
pub fn MeetingNewPage() -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let session = use_session();
    let navigator = use_navigator();
    let org_id = session.me.as_ref().map(|m| m.active_role.org_id).unwrap_or(shared::OrgId(0));
    let kind = use_state(|| "branch_committee".to_string());
    let topic = use_state(String::new);
    let starts = use_state(|| format!("{}T09:00", crate::pages::members::edit::today()));
    let place = use_state(String::new);
    let scope = use_state(|| "branch".to_string());
    let online = use_state(|| false);
    let agenda = use_state(String::new);
    let host = use_state(String::new);
    let recorder = use_state(String::new);
    // People of the branch (host, recorder; every page of them) and its 党小组 (as attendees).
    let (people, people_retry) = use_load(org_id.0, |id| async move {
        let mut people = Vec::new();
        let mut cursor = None;
        loop {
            let query = MemberListQuery {
                org_id: Some(shared::OrgId(id)),
                status: Some("formal,probationary".into()),
                page: PageQuery { limit: Some(200), cursor },
                ..Default::default()
            };
            let page = crate::api::members(&query).await?;
            people.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break Ok::<_, crate::api::ApiError>(people),
            }
        }
    });
    let (groups, groups_retry) = use_load(org_id.0, |id| crate::api::org_tree(Some(id)));
    let planned = Callback::from(move |view: MeetingView| navigator.push(&Route::Meeting { id: view.summary.id.0 }));
    let (plan, busy, error) = use_submit(
        {
            let (kind, topic, starts, place, scope) =
                (kind.clone(), topic.clone(), starts.clone(), place.clone(), scope.clone());
            let (online, agenda, host, recorder) = (online.clone(), agenda.clone(), host.clone(), recorder.clone());
            move || {
                let body = shared::time::parse_minute(&starts).map(|starts_at| PlanMeetingRequest {
                    org_id,
                    kind: MeetingKind::from_code(&kind).unwrap_or(MeetingKind::Other),
                    topic: (*topic).clone(),
                    starts_at,
                    place: Some((*place).clone()),
                    online: *online,
                    host_person_id: host.parse().ok().map(shared::PersonId),
                    recorder_person_id: recorder.parse().ok().map(shared::PersonId),
                    agenda: Some((*agenda).clone()),
                    attendees: match scope.as_str() {
                        "committee" => Attendees::Committee,
                        "branch" => Attendees::Branch,
                        group => Attendees::PartyGroup { party_group_id: shared::OrgId(group.parse().unwrap_or(0)) },
                    },
                });
                async move {
                    match body {
                        Some(body) => crate::api::meetings::plan(&body).await,
                        None => Err(crate::api::ApiError::local(t.time_required)),
                    }
                }
            }
        },
        planned,
    );
    let kinds: Vec<(String, String)> =
        MeetingKind::ALL.iter().map(|k| (k.code().to_string(), k.label().to_string())).collect();
    html! {
        <div class="page">
            <form class="card form" onsubmit={on_submit(&plan)} id="meeting-new">
                <h1 class="page-title">{ t.plan }</h1>
                <div class="form-grid">
                    <SelectField label={t.kind} name="kind" value={(*kind).clone()} options={kinds} onchange={let s = kind.clone(); Callback::from(move |v| s.set(v))} />
                    <TextField label={t.topic} name="topic" value={(*topic).clone()} oninput={let s = topic.clone(); Callback::from(move |v| s.set(v))} />
                    <TextField label={t.time} name="starts_at" input_type="datetime-local" value={(*starts).clone()} oninput={let s = starts.clone(); Callback::from(move |v| s.set(v))} />
                    <TextField label={t.place} name="place" value={(*place).clone()} oninput={let s = place.clone(); Callback::from(move |v| s.set(v))} />
                    { render(&groups, &groups_retry, |tree| {
                        let mut options: Vec<(String, String)> = vec![("branch".into(), t.scope_branch.into()), ("committee".into(), t.scope_committee.into())];
                        options.extend(tree.children.iter().filter(|c| c.kind == shared::OrgKind::PartyGroup).map(|c| (c.id.0.to_string(), c.name.clone())));
                        html! { <SelectField label={t.attendees} name="scope" value={(*scope).clone()} {options} onchange={let s = scope.clone(); Callback::from(move |v| s.set(v))} /> }
                    }) }
                    { render(&people, &people_retry, |people| {
                        let options: Vec<(String, String)> = std::iter::once((String::new(), t.unassigned.to_string())).chain(people.iter().map(|m| (m.id.0.to_string(), m.name.clone()))).collect();
                        html! { <>
                            <SelectField label={t.host} name="host" value={(*host).clone()} options={options.clone()} onchange={let s = host.clone(); Callback::from(move |v| s.set(v))} />
                            <SelectField label={t.recorder} name="recorder" value={(*recorder).clone()} {options} onchange={let s = recorder.clone(); Callback::from(move |v| s.set(v))} />
                        </> }
                    }) }
                    <TextField label={t.agenda} name="agenda" value={(*agenda).clone()} oninput={let s = agenda.clone(); Callback::from(move |v| s.set(v))} />
                    <label class="check"><input type="checkbox" id="meeting-online" checked={*online} onchange={let o = online.clone(); Callback::from(move |_| o.set(!*o))} />{ t.online }</label>
                </div>
                if let Some(e) = &*error { <p class="form-error" role="alert">{ e.fields().first().map_or(e.body.message.clone(), |f| f.message.clone()) }</p> }
                <div class="form-actions"><button class="button primary" type="submit" id="meeting-plan" disabled={*busy}>{ t.publish }</button></div>
            </form>
        </div>
    }
}
