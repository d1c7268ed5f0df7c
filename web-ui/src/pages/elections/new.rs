//! `/elections/new?kind=reelection|by_election|founding&org=ID`: the branch starts an election
//! once its committee has decided (研究决定): the day of the 党员大会, the seats (with the rule on
//! how many the branch may have), the reason; for a founding also the new branch's name, its
//! unit and its members. Checked here first with plain messages under the fields; what the
//! server refuses is shown the same way (a party rule with its source).

use serde::{Deserialize, Serialize};
use shared::MembershipStatus;
use shared::api::elections::ElectionKind;
use yew::prelude::*;

use super::new_parts::{Checklist, seats_hint};
use super::{field_error, number, on_text, problem, term_pill, text};
use crate::api::ApiError;
use crate::api::committees::{Brief, Person};
use crate::api::elections::{Ack, Start};
use crate::components::fields::TextField;
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::election_form::{FormTexts, form_of};
use crate::router::{Link, use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `election_new` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::ElectionNew => html! { <NewElection /> },
        _ => Html::default(),
    }
}

/// `?kind=&org=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct NewUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<i64>,
}

#[component]
fn NewElection() -> Html {
    let session = use_session();
    let url = use_location().query::<NewUrl>().unwrap_or_default();
    let own = session.me.as_ref().map(|m| m.active_role.org_id.0).unwrap_or_default();
    let org = url.org.unwrap_or(own);
    let kind = url.kind.as_deref().and_then(ElectionKind::from_code).unwrap_or(ElectionKind::Reelection);
    let (committee, retry) = use_load(org, crate::api::committees::brief);
    html! {
        <div class="page election-new">
            { render(&committee, &retry, |c| html! { <Form committee={c.clone()} {kind} /> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    committee: Brief,
    kind: ElectionKind,
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Typed {
    planned_on: String,
    seats: String,
    reason: String,
    new_org_name: String,
    unit: String,
    members: Vec<i64>,
}

/// The request, and what is missing or wrong, by request field.
fn check(
    f: &FormTexts,
    kind: ElectionKind,
    org: i64,
    v: &Typed,
    today: &str,
) -> (Start, Vec<(&'static str, &'static str)>) {
    let mut errors = Vec::new();
    let founding = kind == ElectionKind::Founding;
    let planned = v.planned_on.trim();
    if shared::time::parse_date(planned).is_none() {
        errors.push(("planned_on", f.need_date));
    } else if planned < today {
        errors.push(("planned_on", f.date_past));
    }
    let seats = number(&v.seats).filter(|s| *s > 0);
    if seats.is_none() {
        errors.push(("seats", f.need_seats));
    }
    if v.reason.trim().is_empty() {
        errors.push(("reason", f.need_reason));
    } else if v.reason.trim().chars().count() > 500 {
        errors.push(("reason", f.reason_too_long));
    }
    if founding && v.new_org_name.trim().is_empty() {
        errors.push(("new_org_name", f.need_new_name));
    }
    if founding && v.members.is_empty() {
        errors.push(("member_ids", f.need_members));
    }
    let input = Start {
        kind: kind.code(),
        org_id: org,
        planned_on: planned.to_string(),
        seats: seats.unwrap_or_default(),
        reason: v.reason.trim().to_string(),
        new_org_name: if founding { text(&v.new_org_name) } else { None },
        unit: if founding { text(&v.unit) } else { None },
        member_ids: if founding { v.members.clone() } else { Vec::new() },
    };
    (input, errors)
}

#[component]
fn Form(props: &FormProps) -> Html {
    let texts = use_texts();
    let f = form_of(texts);
    let navigator = use_navigator();
    let c = &props.committee;
    let kind = use_state(|| props.kind);
    let typed = use_state(Typed::default);
    let attempted = use_state(|| false);
    let today = crate::pages::members::edit::today_string();
    let founding = *kind == ElectionKind::Founding;
    let (people, _) = use_load((c.org_id, founding), |(org, founding)| async move {
        if founding { crate::api::committees::people(org, "formal,probationary", None).await } else { Ok(Vec::new()) }
    });
    let opened = Callback::from(move |d: Ack| navigator.push(&Route::Election { id: d.election.id }));
    let (submit, busy, error) = use_submit(
        {
            let (kind, typed, attempted, org, today) =
                (kind.clone(), typed.clone(), attempted.clone(), c.org_id, today.clone());
            move || {
                attempted.set(true);
                let (input, errors) = check(f, *kind, org, &typed, &today);
                async move {
                    if !errors.is_empty() {
                        return Err(ApiError::local(f.fix_errors));
                    }
                    crate::api::elections::start(&input).await
                }
            }
        },
        opened,
    );
    let client = if *attempted { check(f, *kind, c.org_id, &typed, &today).1 } else { Vec::new() };
    let err = |field: &str| {
        client
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| AttrValue::Static(m))
            .or_else(|| field_error(&error, field))
    };
    let set = |update: fn(&mut Typed, String)| {
        let typed = typed.clone();
        Callback::from(move |v: String| {
            let mut next = (*typed).clone();
            update(&mut next, v);
            typed.set(next);
        })
    };
    let kind_option = |k: ElectionKind, hint: &'static str| {
        let state = kind.clone();
        let checked = *kind == k;
        html! {
            <label class={classes!("choice-option", checked.then_some("active"))}>
                <input type="radio" name="election_kind" id={format!("kind-{}", k.code())} value={k.code()} {checked}
                    onchange={move |_| state.set(k)} />
                <span><strong>{ k.label() }</strong><span class="list-sub">{ hint }</span></span>
            </label>
        }
    };
    let listed: Vec<Person> = match &*people {
        Load::Ready(list) => list.clone(),
        _ => Vec::new(),
    };
    let chosen_full = listed
        .iter()
        .filter(|p| typed.members.contains(&p.id) && p.membership_status == MembershipStatus::Formal)
        .count() as i64;
    let hint = match *kind {
        ElectionKind::ByElection => (f.seats_by_election)(c.vacancies),
        ElectionKind::Founding => seats_hint(f, chosen_full),
        ElectionKind::Reelection => seats_hint(f, c.full_members),
    };
    let v = &*typed;
    let reason_error = err("reason");
    html! {
        <section class="card">
            <h1 class="page-title">{ (f.title)(&c.org_name) }</h1>
            <p class="muted" id="election-term">
                { term_pill(c.term_state) }
                { " " }{ c.term_ends_on.as_ref().map(|d| (f.term_now)(d)).unwrap_or_default() }
            </p>
            if c.open_election.is_some() { <p class="notice" id="election-open">{ f.already_open }</p> }
            <form class="form" id="election-form" novalidate=true onsubmit={on_submit(&submit)}>
                <fieldset class="choice" id="election-kind">
                    <legend>{ f.kind }</legend>
                    { kind_option(ElectionKind::Reelection, f.reelection_hint) }
                    if c.vacancies > 0 || props.kind == ElectionKind::ByElection {
                        { kind_option(ElectionKind::ByElection, f.by_election_hint) }
                    }
                    { kind_option(ElectionKind::Founding, f.founding_hint) }
                </fieldset>
                <div class="form-grid">
                    if founding {
                        <TextField label={f.new_org_name} name="new_org_name" value={v.new_org_name.clone()} placeholder={f.new_org_hint}
                            oninput={set(|t, v| t.new_org_name = v)} error={err("new_org_name")} />
                        <TextField label={f.unit} name="unit" value={v.unit.clone()} oninput={set(|t, v| t.unit = v)} error={err("unit")} />
                    }
                    <TextField label={f.planned_on} name="planned_on" input_type="date" value={v.planned_on.clone()}
                        oninput={set(|t, v| t.planned_on = v)} error={err("planned_on")} />
                    <div>
                        <TextField label={f.seats} name="seats" input_type="number" inputmode="numeric" value={v.seats.clone()}
                            oninput={set(|t, v| t.seats = v)} error={err("seats")} />
                        <p class="muted" id="seats-hint">{ hint }</p>
                    </div>
                </div>
                if founding {
                    <Checklist name="member" label={f.members} people={listed.clone()} chosen={v.members.clone()} show_status=true
                        summary={Some((f.members_chosen)(v.members.len(), chosen_full))} error={err("member_ids")}
                        on_change={let typed = typed.clone(); Callback::from(move |m| typed.set(Typed { members: m, ..(*typed).clone() }))} />
                }
                <div class={classes!("field", reason_error.is_some().then_some("invalid"))}>
                    <label for="field-reason">{ f.reason }</label>
                    <textarea id="field-reason" name="reason" rows="3" maxlength="500" value={v.reason.clone()}
                        placeholder={match *kind { ElectionKind::Reelection => f.reason_reelection, ElectionKind::ByElection => f.reason_by_election, ElectionKind::Founding => f.reason_founding }}
                        aria-invalid={reason_error.is_some().to_string()} oninput={on_text(set(|t, v| t.reason = v))} />
                    if let Some(e) = reason_error { <p class="field-error" id="field-reason-error">{ e }</p> }
                </div>
                { problem(&error, "election-error", f.conflict) }
                <div class="form-actions">
                    <Link to={Route::Elections} classes="button secondary">{ texts.cancel }</Link>
                    <button class="button primary" type="submit" id="election-submit" disabled={*busy}>{ if *busy { texts.loading } else { f.submit } }</button>
                </div>
            </form>
        </section>
    }
}
