//! Step 3, 确定候选人预备人选: the seats (with the range the configured rules allow, as the server
//! says) and the candidates, chosen from the org's 正式党员 (预备党员 cannot stand), or at a
//! founding from the new branch's members; the candidates must be at least as many as the server
//! says for the seats (差额). The server lists them in 姓氏笔画 order.

use yew::prelude::*;

use shared::MembershipStatus;
use shared::api::elections::ElectionKind;

use super::new_parts::{Checklist, fewest_candidates};
use super::step::StepProps;
use super::{field_error, number, problem};
use crate::api::ApiError;
use crate::api::committees::Person;
use crate::components::fields::TextField;
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::i18n::election_case::case_of;
use crate::i18n::election_form::form_of;
use crate::i18n::election_vote::vote_of;
use crate::state::use_texts;

#[component]
pub(super) fn Nominate(props: &StepProps) -> Html {
    let texts = use_texts();
    let (t, f, vt) = (case_of(texts), form_of(texts), vote_of(texts));
    let d = &props.detail;
    let e = &d.election;
    let by_election = e.kind == ElectionKind::ByElection;
    let founding = e.kind == ElectionKind::Founding;
    let seats = use_state(|| e.seats.to_string());
    let chosen = use_state(|| d.candidates.iter().map(|c| c.person_id).collect::<Vec<_>>());
    // A founding nominates from the new branch's members (the server keeps to the 正式党员).
    let (people, _) = use_load((e.org_id, founding), |(org, founding)| async move {
        if founding { Ok(Vec::new()) } else { crate::api::committees::people(org, "formal", None).await }
    });
    let run = {
        let (id, version, seats, chosen) = (e.id, e.version, seats.clone(), chosen.clone());
        move || {
            let (seats, chosen) = (number(&seats).filter(|s| *s > 0), (*chosen).clone());
            async move {
                let Some(seats) = seats else { return Err(ApiError::local(f.need_seats)) };
                if chosen.is_empty() {
                    return Err(ApiError::local(vt.need_candidates));
                }
                crate::api::elections::nominate(id, version, seats, &chosen).await
            }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.reform(|_: crate::api::elections::Ack| ()));
    let listed = match &*people {
        _ if founding => d
            .roll_members
            .iter()
            .map(|c| Person { id: c.person_id, name: c.name.clone(), membership_status: MembershipStatus::Formal })
            .collect(),
        Load::Ready(list) => list.clone(),
        _ => Vec::new(),
    };
    let wanted = number(&seats).unwrap_or(e.seats);
    // The server's fewest for the seats saved; for other seats, reckoned the same way.
    let fewest = |seats: u32| if seats == e.seats { d.min_candidates } else { fewest_candidates(seats, by_election) };
    let summary = (vt.candidates_chosen)(chosen.len(), wanted, fewest(wanted));
    let hint = if by_election {
        (f.by_election_range)(d.min_seats, d.max_seats)
    } else {
        (f.seats_range)(d.roll.entitled, d.min_seats, d.max_seats)
    };
    html! {
        <form class="card form" id="nominate-form" novalidate=true onsubmit={on_submit(&submit)} data-step="3">
            <h2>{ (t.step_heading)(e.step, &e.step_name) }</h2>
            <div>
                <TextField label={f.seats} name="seats" input_type="number" inputmode="numeric" value={(*seats).clone()}
                    oninput={let s = seats.clone(); Callback::from(move |v| s.set(v))} error={field_error(&error, "seats")} />
                <p class="muted" id="seats-hint">{ hint }</p>
            </div>
            <Checklist name="candidate" label={vt.candidates} people={listed} chosen={(*chosen).clone()} summary={Some(summary)}
                error={field_error(&error, "candidates")} on_change={let c = chosen.clone(); Callback::from(move |v| c.set(v))} />
            <p class="muted" id="margin-hint">{ (vt.margin_hint)(wanted, fewest(wanted)) }</p>
            { problem(&error, "nominate-error", t.conflict) }
            <div class="form-actions">
                <button class="button primary" type="submit" id="nominate-submit" disabled={*busy}>{ if *busy { texts.loading } else { vt.nominate } }</button>
            </div>
        </form>
    }
}
