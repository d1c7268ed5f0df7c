//! Step 5, 党员大会选举, phone first: one round's count as the tellers bring it: 应到会 (the
//! 正式党员 on the roll), 实到会, 发出 and 收回 ballots, 废票, and each candidate's votes. 试算
//! counts without saving; 确认提交 asks first, then records the round and goes back to the case,
//! which shows who is elected (more than half of those present), who tied, a void round, and
//! the further round (另行选举) for the seats left. After a round with seats left the meeting may
//! also decide to stop (不再另行选举), asked first.

use yew::prelude::*;

use super::case_parts::round_view;
use super::confirm::Confirm;
use super::step::StepProps;
use super::{field_error, number, problem};
use crate::api::ApiError;
use crate::api::elections::{Ballots, Round, Tally, Votes, name_of};
use crate::components::fields::TextField;
use crate::components::load::use_submit;
use crate::i18n::election_case::case_of;
use crate::i18n::election_vote::vote_of;
use crate::state::use_texts;

/// The request fields of the numbers, in the order of `Entry::numbers`.
const FIELDS: [&str; 4] = ["present", "issued", "returned", "invalid"];

/// The count as typed: 实到会, 发出, 收回, 废票; then each candidate's votes in the round's order.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    numbers: [String; 4],
    votes: Vec<String>,
}

/// What a press of a button sends: 试算, 确认提交, 不再另行选举.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Send {
    Preview,
    Save,
    Stop,
}

/// The numbers and the votes, or the fields left blank (`vote-{id}` for a candidate).
fn check(v: &Entry, round: &Round) -> Result<(Vec<u32>, Vec<Votes>), Vec<String>> {
    let mut missing = Vec::new();
    let numbers = FIELDS
        .iter()
        .zip(&v.numbers)
        .map(|(field, text)| {
            number(text).unwrap_or_else(|| {
                missing.push(field.to_string());
                0
            })
        })
        .collect();
    let votes = round
        .candidates
        .iter()
        .zip(&v.votes)
        .map(|(c, text)| Votes {
            person_id: *c,
            votes: number(text).unwrap_or_else(|| {
                missing.push(format!("vote-{c}"));
                0
            }),
        })
        .collect();
    if missing.is_empty() { Ok((numbers, votes)) } else { Err(missing) }
}

#[component]
pub(super) fn Vote(props: &StepProps) -> Html {
    let texts = use_texts();
    let (t, vt) = (case_of(texts), vote_of(texts));
    let d = &props.detail;
    let e = &d.election;
    let round = d.next_round.clone().unwrap_or_else(|| Round {
        number: 0,
        seats: 0,
        candidates: Vec::new(),
        entitled: 0,
        present: 0,
        issued: 0,
        returned: 0,
        count: crate::api::elections::Count {
            void: false,
            valid_ballots: 0,
            invalid_ballots: 0,
            votes: Vec::new(),
            elected: Vec::new(),
            tied: Vec::new(),
            unfilled: 0,
        },
    });
    let entry = use_state(|| Entry {
        numbers: [String::new(), String::new(), String::new(), "0".into()],
        votes: vec![String::new(); round.candidates.len()],
    });
    let preview = use_state(|| None::<(Entry, Round)>);
    let attempted = use_state(|| false);
    let asking = use_state(|| None::<Send>);
    let sending = use_mut_ref(|| Send::Preview);
    let run = {
        let (id, version, round) = (e.id, e.version, round.clone());
        let (entry, sending, attempted) = (entry.clone(), sending.clone(), attempted.clone());
        move || {
            let how = *sending.borrow();
            let typed = (*entry).clone();
            let counted = if how == Send::Stop { Ok((vec![0; 4], Vec::new())) } else { check(&typed, &round) };
            attempted.set(how != Send::Stop);
            async move {
                let (n, votes) = counted.map_err(|_| ApiError::local(t.fix_errors))?;
                let body = Ballots {
                    version,
                    present: n[0],
                    issued: n[1],
                    returned: n[2],
                    tally: Tally::Counts { votes, invalid: n[3] },
                    preview: how == Send::Preview,
                    accept_fewer: how == Send::Stop,
                };
                let counted = crate::api::elections::ballots(id, &body).await?;
                // A preview is shown here; a recorded round on the case's page.
                Ok((how == Send::Preview).then_some((typed, counted)))
            }
        }
    };
    let done = {
        let (preview, asking, on_done) = (preview.clone(), asking.clone(), props.on_done.clone());
        Callback::from(move |previewed: Option<(Entry, Round)>| {
            asking.set(None);
            match previewed {
                Some(p) => preview.set(Some(p)),
                None => on_done.emit(()),
            }
        })
    };
    let (submit, busy, error) = use_submit(run, done);
    if round.number == 0 {
        return html! { <p class="notice" id="vote-none">{ vt.no_round }</p> };
    }
    let missing = if *attempted { check(&entry, &round).err().unwrap_or_default() } else { Vec::new() };
    let err = |field: &str| {
        if missing.iter().any(|m| m == field) {
            Some(AttrValue::Static(vt.need_number))
        } else {
            field_error(&error, field)
        }
    };
    let send = |how: Send| {
        let (sending, submit, asking, entry, attempted, round) =
            (sending.clone(), submit.clone(), asking.clone(), entry.clone(), attempted.clone(), round.clone());
        Callback::from(move |_: ()| {
            // 确认提交 and 不再另行选举 ask first (a count only once it is complete).
            if how != Send::Preview && asking.is_none() {
                attempted.set(how == Send::Save);
                if how == Send::Stop || check(&entry, &round).is_ok() {
                    asking.set(Some(how));
                }
                return;
            }
            *sending.borrow_mut() = how;
            submit.emit(());
        })
    };
    let entitled = d.roll.entitled;
    let present = number(&entry.numbers[0]);
    let labels = [t.present, t.issued, t.returned, t.invalid];
    let too_few = round.candidates.len() < round.seats as usize;
    let may_stop = round.number > 1 && !d.elected.is_empty();
    let shown_preview = preview.as_ref().filter(|(typed, _)| *typed == *entry).map(|(_, r)| r);
    let (issued, returned) = (number(&entry.numbers[1]), number(&entry.numbers[2]));
    let confirm = asking.map(|how| {
        let (id, question, detail, label) = if how == Send::Save {
            ("ballot-confirm", (vt.save_question)(round.number), vt.save_detail.to_string(), vt.save_confirm)
        } else {
            ("accept-confirm", vt.stop_question.to_string(), (vt.stop_detail)(d.elected.len()), vt.stop_confirm)
        };
        let on_confirm = send(how).reform(|_: String| ());
        html! {
            <Confirm {id} {question} detail={Some(html! { <p class="muted">{ detail }</p> })} confirm={label} busy={*busy}
                {on_confirm} on_cancel={let a = asking.clone(); move |_| a.set(None)} />
        }
    });
    html! {
        <section class="card form" id="vote-form" data-step="5" data-round={round.number.to_string()}>
            <h2>{ (vt.round_heading)(round.number, round.seats, round.candidates.len()) }</h2>
            if round.number > 1 {
                <p class="notice" id="vote-further">{ (vt.further_round)(&d.elected.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join("、")) }</p>
            }
            if too_few {
                <p class="notice warn" id="vote-too-few">{ vt.too_few_candidates }</p>
            } else {
                <dl class="kv-list"><div class="kv"><dt>{ t.entitled }</dt><dd id="vote-entitled">{ entitled.to_string() }</dd></div></dl>
                <div class="form-grid">{ for FIELDS.iter().enumerate().map(|(i, field)| {
                    let value = entry.numbers[i].clone();
                    let entry = entry.clone();
                    let oninput = Callback::from(move |v: String| {
                        let mut next = (*entry).clone();
                        next.numbers[i] = v;
                        entry.set(next);
                    });
                    html! { <TextField label={labels[i]} name={*field} input_type="number" inputmode="numeric" {value} {oninput} error={err(field)} /> }
                }) }</div>
                if let Some(p) = present {
                    if p * 5 > entitled * 4 {
                        <p class="quorum ok" id="quorum">{ (vt.quorum_ok)(p, p / 2 + 1) }</p>
                    } else {
                        <p class="quorum" id="quorum">{ (vt.quorum_short)(p, entitled, entitled * 4 / 5 + 1) }</p>
                    }
                }
                if returned > issued && issued.is_some() { <p class="notice warn" id="vote-void-hint">{ vt.void_hint }</p> }
                <p class="muted">{ vt.votes_hint }</p>
                <ul class="list" id="vote-candidates">{ for round.candidates.iter().enumerate().map(|(i, id)| {
                    let field = format!("vote-{id}");
                    let error = err(&field);
                    let entry = entry.clone();
                    html! {
                        <li data-person={id.to_string()}>
                            <div class="list-row">
                                <label class="list-title" for={field.clone()}>{ name_of(&d.candidates, *id) }</label>
                                <input class="vote-input" style="flex:none" id={field.clone()} type="number" min="0" inputmode="numeric"
                                    value={entry.votes[i].clone()} aria-invalid={error.is_some().to_string()}
                                    oninput={move |ev: InputEvent| {
                                        let mut next = (*entry).clone();
                                        next.votes[i] = ev.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                                        entry.set(next);
                                    }} />
                            </div>
                            if let Some(e) = error { <p class="field-error" id={format!("{field}-error")}>{ e }</p> }
                        </li>
                    }
                }) }</ul>
            }
            { problem(&error, "vote-error", t.conflict) }
            if let Some(r) = shown_preview {
                <div class="preview-box" id="ballot-preview-result">
                    <p class="muted">{ vt.preview_note }</p>
                    { round_view(t, &d.candidates, r, "preview-round".into()) }
                </div>
            }
            if let Some(confirm) = confirm {
                { confirm }
            } else {
                <div class="form-actions">
                    if may_stop {
                        <button class="button secondary" type="button" id="accept-fewer" onclick={send(Send::Stop).reform(|_: MouseEvent| ())}>{ vt.stop }</button>
                    }
                    if !too_few {
                        <button class="button secondary" type="button" id="ballot-preview" disabled={*busy} onclick={send(Send::Preview).reform(|_: MouseEvent| ())}>{ vt.preview }</button>
                        <button class="button primary" type="button" id="ballot-submit" disabled={*busy} onclick={send(Send::Save).reform(|_: MouseEvent| ())}>{ vt.save }</button>
                    }
                </div>
            }
        </section>
    }
}
