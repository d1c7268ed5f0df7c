//! A branch general meeting: the candidates waiting for it (接收预备党员 or 转正), each voted on
//! separately.

use std::collections::BTreeMap;

use shared::api::development::{CandidateResult, CandidateVote, InstanceSummary, MeetingRequest};
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::fields::TextField;
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::components::states::{Empty, render};
use crate::state::use_texts;

#[component]
pub fn DevMeetingPage() -> Html {
    let texts = use_texts();
    // Cases at the two branch-meeting steps: 15 (stage 4, 接收预备党员) and 23 (stage 5, 转正),
    // every page of both stages, so no candidate is cut off by a page limit.
    let (candidates, retry) = use_load((), |_| async {
        let mut found = Vec::new();
        for (stage, step) in [(4, 15), (5, 23)] {
            let mut cursor = None;
            loop {
                let query = shared::api::development::InstanceListQuery {
                    stage: Some(stage),
                    limit: Some(100),
                    cursor,
                    ..Default::default()
                };
                let page = crate::api::development::instances(&query).await?;
                found.extend(page.items.into_iter().filter(|i| i.step == step));
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
        }
        Ok::<Vec<InstanceSummary>, crate::api::ApiError>(found)
    });
    let meeting_on = use_state(crate::pages::members::edit::today_string);
    let entitled = use_state(String::new);
    let present = use_state(String::new);
    let yes = use_state(BTreeMap::<i64, String>::new);
    let result = use_state(|| None::<String>);
    let t = crate::i18n::development::of(texts);
    let recorded = {
        let (candidates, result, retry) = (candidates.clone(), result.clone(), retry.clone());
        Callback::from(move |results: Vec<CandidateResult>| {
            let list = match &*candidates {
                Load::Ready(list) => list.as_slice(),
                _ => &[],
            };
            let name = |id: i64| list.iter().find(|c| c.id == id).map(|c| c.person_name.clone()).unwrap_or_default();
            let lines: Vec<String> = results
                .iter()
                .map(|r| match (&r.outcome, &r.error) {
                    (Some(o), _) => {
                        format!("{}：{}", name(r.instance_id), if o.passed { t.vote_passed } else { t.vote_failed })
                    }
                    (_, Some(e)) => format!("{}：{}", name(r.instance_id), e.message),
                    _ => name(r.instance_id),
                })
                .collect();
            result.set(Some(lines.join("；")));
            retry.emit(());
        })
    };
    let (record, busy, error) = use_submit(
        {
            let (candidates, meeting_on, entitled, present, yes) =
                (candidates.clone(), meeting_on.clone(), entitled.clone(), present.clone(), yes.clone());
            move || {
                let list = match &*candidates {
                    Load::Ready(list) => list.clone(),
                    _ => Vec::new(),
                };
                let request = shared::time::parse_date(&meeting_on).map(|meeting_on| MeetingRequest {
                    meeting_on,
                    entitled: entitled.trim().parse().unwrap_or(0),
                    present: present.trim().parse().unwrap_or(0),
                    candidates: list
                        .iter()
                        .filter_map(|c| {
                            yes.get(&c.id).and_then(|y| y.trim().parse().ok()).map(|y| CandidateVote {
                                instance_id: c.id,
                                version: c.version,
                                yes: y,
                                written_yes: 0,
                                resolution: (c.step == 23).then(|| "full_member".to_string()),
                                extension_months: None,
                            })
                        })
                        .collect(),
                });
                async move {
                    match request {
                        None => Err(ApiError::local(t.meeting_date_required)),
                        Some(request) if request.candidates.is_empty() => Err(ApiError::local(t.votes_required)),
                        Some(request) => crate::api::development::meeting(&request).await,
                    }
                }
            }
        },
        recorded,
    );
    html! {
        <div class="page dev-meeting">
            <h1 class="page-title">{ crate::i18n::development::of(texts).meeting }</h1>
            <form class="card form" onsubmit={on_submit(&record)} id="dev-meeting-form">
                <div class="form-grid">
                    <TextField label={crate::i18n::development::of(texts).applied_on} name="meeting_on" input_type="date" value={(*meeting_on).clone()} oninput={let s = meeting_on.clone(); Callback::from(move |v| s.set(v))} />
                    <TextField label={crate::i18n::development::of(texts).entitled} name="entitled" input_type="number" value={(*entitled).clone()} oninput={let s = entitled.clone(); Callback::from(move |v| s.set(v))} />
                    <TextField label={crate::i18n::development::of(texts).present} name="present" input_type="number" value={(*present).clone()} oninput={let s = present.clone(); Callback::from(move |v| s.set(v))} />
                </div>
                { render(&candidates, &retry, |list| if list.is_empty() { html! { <Empty text={crate::i18n::development::of(texts).no_candidates} /> } } else {
                    html! { <ul class="list">{ for list.iter().map(|c| {
                        let (yes, id) = (yes.clone(), c.id);
                        html! { <li class="list-row"><span class="list-title">{ format!("{}（{}）", c.person_name, c.step_name) }</span>
                            <input class="vote-input" type="number" min="0" placeholder={crate::i18n::development::of(texts).yes} aria-label={format!("{} {}", c.person_name, crate::i18n::development::of(texts).yes)}
                                value={yes.get(&id).cloned().unwrap_or_default()}
                                oninput={Callback::from(move |e: InputEvent| { let mut next = (*yes).clone(); next.insert(id, e.target_unchecked_into::<web_sys::HtmlInputElement>().value()); yes.set(next); })} /></li> }
                    }) }</ul> }
                }) }
                if let Some(e) = &*error { <p class="form-error" role="alert" id="dev-meeting-result">{ e.body.message.clone() }</p> }
                else if let Some(text) = &*result { <p class="notice" id="dev-meeting-result">{ text.clone() }</p> }
                <div class="form-actions"><button class="button primary" type="submit" disabled={*busy}>{ crate::i18n::development::of(texts).record_votes }</button></div>
            </form>
        </div>
    }
}
