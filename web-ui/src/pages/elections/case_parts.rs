//! The parts of an election's page below its step: each round as counted (who is elected, who
//! tied, a void round, the seats left for a further round), who was elected and their posts, the
//! documents that exist by now, and the history.

use yew::prelude::*;

use super::kv;
use crate::api::elections::{Candidate, Detail, Round, name_of};
use crate::i18n::election_case::CaseTexts;

/// Names of `ids`, joined with 、.
pub(super) fn names(people: &[Candidate], ids: &[i64]) -> String {
    ids.iter().map(|id| name_of(people, *id)).collect::<Vec<_>>().join("、")
}

/// One round's count: the numbers, each candidate's votes with 当选 or 票数相等, and what follows.
pub(super) fn round_view(t: &CaseTexts, people: &[Candidate], r: &Round, id: String) -> Html {
    let c = &r.count;
    let tag = |person: i64| {
        if c.elected.contains(&person) {
            html! { <span class="status-pill paid">{ t.elected_tag }</span> }
        } else if c.tied.contains(&person) {
            html! { <span class="status-pill excused">{ t.tied_tag }</span> }
        } else {
            html! { <span class="status-pill">{ t.not_elected_tag }</span> }
        }
    };
    html! {
        <div class="round" {id} data-round={r.number.to_string()} data-void={c.void.to_string()}>
            <p class="list-title">{ (t.round_title)(r.number, r.seats) }</p>
            <dl class="kv-list">
                { kv(t.entitled, r.entitled.to_string()) }
                { kv(t.present, r.present.to_string()) }
                { kv(t.issued, r.issued.to_string()) }
                { kv(t.returned, r.returned.to_string()) }
                if !c.void {
                    { kv(t.valid, c.valid_ballots.to_string()) }
                    { kv(t.invalid, c.invalid_ballots.to_string()) }
                }
            </dl>
            if c.void {
                <p class="notice warn round-void" role="alert">{ t.void_round }</p>
            } else {
                <ul class="list round-votes">{ for c.votes.iter().map(|v| html! {
                    <li class="list-row" data-person={v.person_id.to_string()}>
                        <span class="list-title">{ name_of(people, v.person_id) }</span>
                        <span>{ (t.votes_n)(v.votes) }{ " " }{ tag(v.person_id) }</span>
                    </li>
                }) }</ul>
                <p class="notice ok round-elected">{ (t.elected_line)(&if c.elected.is_empty() { t.nobody.to_string() } else { names(people, &c.elected) }) }</p>
                if !c.tied.is_empty() {
                    <p class="notice round-tied">{ (t.tied_line)(&names(people, &c.tied)) }</p>
                }
                if c.unfilled > 0 {
                    <p class="notice round-unfilled">{ (t.unfilled_line)(c.unfilled) }</p>
                }
            }
        </div>
    }
}

/// The rounds counted so far, newest first.
pub(super) fn rounds(t: &CaseTexts, d: &Detail) -> Html {
    if d.rounds.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card" id="election-rounds">
            <h2>{ t.rounds }</h2>
            { for d.rounds.iter().rev().map(|r| round_view(t, &d.candidates, r, format!("round-{}", r.number))) }
        </section>
    }
}

/// Who was elected, and each one's post once the first meeting has given them.
pub(super) fn outcome(t: &CaseTexts, d: &Detail) -> Html {
    if d.elected.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card" id="election-elected">
            <h2>{ t.elected }</h2>
            <ul class="list">{ for d.elected.iter().map(|c| {
                let post = d.posts.iter().find(|p| p.person_id == c.person_id).map(|p| p.post);
                html! {
                    <li class="list-row" data-person={c.person_id.to_string()}>
                        <span class="list-title">{ c.name.clone() }
                            if let Some(post) = post { <span class="tag">{ post.label() }</span> }
                        </span>
                        if let Some(since) = &c.full_member_since { <span class="list-meta">{ (t.full_since)(since) }</span> }
                    </li>
                }
            }) }</ul>
        </section>
    }
}

/// The documents that can be printed by now, as the server lists them (the ballot, the 选举办法,
/// the 主持词, the 计票单, the 选举结果报告); a paper the page has no label for is left out.
pub(super) fn documents(t: &CaseTexts, d: &Detail) -> Html {
    let id = d.election.id;
    let label = |name: &str| -> Option<&'static str> {
        match name {
            "ballot.pdf" => Some(t.doc_ballot),
            "method.pdf" => Some(t.doc_method),
            "script.pdf" => Some(t.doc_script),
            "tally.pdf" => Some(t.doc_tally),
            "tally.xlsx" => Some(t.doc_tally_xlsx),
            "report.pdf" => Some(t.doc_report),
            _ => None,
        }
    };
    let list: Vec<(&str, &str)> = d.papers.iter().filter_map(|p| label(p).map(|l| (p.as_str(), l))).collect();
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card" id="election-documents">
            <h2>{ t.documents }</h2>
            <div class="toolbar">{ for list.into_iter().map(|(name, label)| html! {
                <a class="button secondary" href={crate::api::elections::document_href(id, name)} target="_blank" rel="noopener"
                    data-document={name.to_string()}>{ label }</a>
            }) }</div>
        </section>
    }
}

pub(super) fn history(t: &CaseTexts, d: &Detail) -> Html {
    if d.history.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card">
            <h2>{ t.history }</h2>
            <ul class="list" id="election-history">{ for d.history.iter().rev().map(|e| html! {
                <li class="sync-row">
                    <span class="list-title">{ format!("{}. {}", e.step, e.step_name) }<span class="tag">{ e.action.label() }</span></span>
                    <span class="list-sub">{ format!("{} · {}{}", shared::time::fmt_china(e.at), e.actor_name.clone().unwrap_or_default(),
                        e.actor_role.map(|r| format!("（{}）", r.label())).unwrap_or_default()) }</span>
                    if let Some(c) = e.comment.as_ref().filter(|c| !c.is_empty()) { <span class="list-sub history-comment">{ c.clone() }</span> }
                </li>
            }) }</ul>
        </section>
    }
}
