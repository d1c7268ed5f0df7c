//! What the screens read: the list of elections within reach, one case in full, and the terms
//! across a subtree.

use chrono::NaiveDate;
use shared::api::Page;
use shared::api::elections::{
    CandidateView, ElectionDetail, ElectionKind, ElectionQuery, ElectionView, LinkedRequest, PostAssignment, Roll,
    TermQuery, TermRow,
};
use shared::rules::elections::ElectionRules;
use shared::{OrgId, PersonId};

use super::models::ElectionRow;
use super::process::{ElectionProcess, VOTE, request_template};
use super::record::ElectionRecord;
use super::repo;
use super::voting::round_view;
use crate::auth::{Actor, Reach};
use crate::committees::service::{term_ends_on, term_state};
use crate::db::DbConnection;
use crate::db::pagination::Keyset;
use crate::error::{ApiError, stored_code};
use crate::workflow::service::{Scope, can_act, history, may_view, timeline};
use crate::workflow::{InstanceRow, Process};

fn bounds(actor: &Actor) -> Result<Option<(String, String)>, ApiError> {
    if !actor.may(shared::permissions::Action::RunElections, &actor.role.org_path) {
        return Err(actor.denial());
    }
    Ok(match actor.reach() {
        Reach::Everything => None,
        Reach::Subtree(lo, hi) => Some((lo, hi)),
        Reach::OwnRecord(_) => return Err(actor.denial()),
    })
}

/// The orgs the views name, loaded once per page: (id → row).
type Orgs = std::collections::HashMap<i64, crate::orgs::models::OrgRow>;

fn orgs_of(conn: &mut DbConnection, rows: &[(ElectionRow, InstanceRow)]) -> Result<Orgs, ApiError> {
    let mut ids: Vec<i64> = Vec::new();
    for (e, row) in rows {
        ids.push(e.org_id);
        ids.extend(ElectionProcess.receiving_org(&row.record()));
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(crate::orgs::repo::by_ids(conn, &ids)?.into_iter().map(|o| (o.id, o)).collect())
}

fn view(
    actor: &Actor,
    rules: &ElectionRules,
    orgs: &Orgs,
    e: &ElectionRow,
    row: &InstanceRow,
) -> Result<ElectionView, ApiError> {
    let r = ElectionRecord::from_record(&row.record())?;
    let org = orgs.get(&e.org_id).ok_or_else(|| ApiError::not_found("组织"))?;
    let upper = orgs.get(&r.to_org_id).ok_or_else(|| ApiError::not_found("组织"))?;
    let scope = Scope { org: org.clone(), receiving: Some(upper.clone()), designated: None };
    let p = &ElectionProcess;
    Ok(ElectionView {
        id: e.id,
        instance_id: row.id,
        kind: stored_code(ElectionKind::from_code(&e.kind), "elections.kind", &e.kind)?,
        org_id: OrgId(org.id),
        org_name: org.name.clone(),
        new_org_name: r.new_org_name.clone(),
        upper_org_name: upper.name.clone(),
        status: row.status(),
        outcome: row.outcome(),
        step: row.step,
        step_name: p.step(row.step).map_or("已办结", |s| s.name).to_string(),
        planned_on: r.planned_on,
        seats: r.seats,
        term_ends_on: r.term_ends_on,
        schedule_label: r.term_ends_on.map(|end| rules.schedule(end, r.planned_on).label().to_string()),
        started_on: shared::time::china_date(row.created_at.and_utc()),
        version: row.version,
        can_act: can_act(p, actor, row, &scope),
    })
}

pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    q: &ElectionQuery,
) -> Result<Page<ElectionView>, ApiError> {
    let bounds = bounds(actor)?;
    let keys = Keyset::of(&q.page)?;
    let rows = repo::list(conn, bounds, q.open.unwrap_or(false), keys.after, keys.fetch())?;
    let page = keys.page(rows, |(e, _)| e.id);
    let orgs = orgs_of(conn, &page.items)?;
    let items = page.items.iter().map(|(e, row)| view(actor, rules, &orgs, e, row)).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::new(items, page.next_cursor))
}

fn candidates(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<CandidateView>, ApiError> {
    let people = repo::people_brief(conn, ids)?;
    Ok(ids
        .iter()
        .filter_map(|id| people.iter().find(|p| p.0 == *id))
        .map(|p| CandidateView { person_id: PersonId(p.0), name: p.1.clone(), full_member_since: p.4 })
        .collect())
}

pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    today: NaiveDate,
    id: i64,
) -> Result<ElectionDetail, ApiError> {
    let e = repo::get(conn, id)?;
    let row = crate::workflow::repo::get(conn, e.instance_id)?;
    let scope = Scope::load(conn, &ElectionProcess, &row)?;
    if !may_view(actor, &row, &scope) {
        return Err(actor.denial());
    }
    let r = ElectionRecord::from_record(&row.record())?;
    let pair = [(e, row)];
    let orgs = orgs_of(conn, &pair)?;
    let [(e, row)] = pair;
    let election = view(actor, rules, &orgs, &e, &row)?;
    let (full, probationary) = repo::roll_counts(conn, r.roll_org(), r.roll_ids())?;
    let events = crate::workflow::repo::events(conn, row.id)?;
    let mut warnings = Vec::new();
    if row.status().is_open()
        && r.kind == ElectionKind::Reelection
        && row.step <= super::process::REQUEST
        && let Some(end) = r.term_ends_on
    {
        warnings.extend(rules.late_request_warning(end, today));
    }
    let next_round =
        (row.status().is_open() && row.step == VOTE).then(|| r.next_round()).flatten().map(|(seats, ids)| {
            shared::api::elections::RoundView {
                number: r.rounds.len() as u32 + 1,
                seats,
                candidates: ids,
                entitled: u32::try_from(full).unwrap_or(0),
                present: 0,
                issued: 0,
                returned: 0,
                count: shared::api::elections::RoundCount {
                    void: false,
                    valid_ballots: 0,
                    invalid_ballots: 0,
                    votes: Vec::new(),
                    elected: Vec::new(),
                    tied: Vec::new(),
                    unfilled: seats,
                },
            }
        });
    let requests = crate::requests::repo::for_case(conn, row.id)?
        .into_iter()
        .map(|(req, code)| {
            Ok(LinkedRequest { id: req.id, title: req.title.clone(), template_code: code, stage: req.stage()? })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let by_election = r.kind == ElectionKind::ByElection;
    let (min_seats, max_seats) =
        if by_election { (1, r.seats) } else { rules.seat_range(u32::try_from(full).unwrap_or(0)) };
    let mut papers: Vec<String> = Vec::new();
    if !r.candidates.is_empty() {
        papers.extend(["ballot.pdf", "method.pdf", "script.pdf"].map(String::from));
    }
    if !r.rounds.is_empty() {
        papers.extend(["tally.pdf", "tally.xlsx"].map(String::from));
    }
    if !r.elected.is_empty() {
        papers.push("report.pdf".into());
    }
    Ok(ElectionDetail {
        election,
        reason: r.reason.clone(),
        roll: Roll {
            entitled: u32::try_from(full).unwrap_or(0),
            probationary: u32::try_from(probationary).unwrap_or(0),
        },
        candidates: candidates(conn, &r.candidates)?,
        rounds: r.rounds.iter().map(round_view).collect(),
        next_round,
        elected: candidates(conn, &r.elected)?,
        posts: r.posts.iter().map(|(p, post)| PostAssignment { person_id: PersonId(*p), post: *post }).collect(),
        requests,
        request_template: row
            .status()
            .is_open()
            .then(|| request_template(r.kind, row.step))
            .flatten()
            .map(str::to_string),
        roll_members: candidates(conn, &r.member_ids)?,
        min_seats,
        max_seats,
        min_candidates: rules.min_candidates(by_election, r.seats),
        papers,
        warnings,
        timeline: timeline(&ElectionProcess, &row, &events),
        history: history(&ElectionProcess, &events, false),
    })
}

/// The terms of the orgs within reach, by org id, filtered by state in SQL.
pub fn terms(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    q: &TermQuery,
) -> Result<Page<TermRow>, ApiError> {
    let bounds = bounds(actor)?;
    let keys = Keyset::of(&q.page)?;
    let orgs = repo::terms_page(conn, bounds, q.state, today, keys.after, keys.fetch())?;
    let page = keys.page(orgs, |o| o.id);
    let ids: Vec<i64> = page.items.iter().map(|o| o.id).collect();
    let secretaries = crate::committees::repo::secretaries(conn, &ids)?;
    let open = repo::open_for_orgs(conn, &ids)?;
    let items = page
        .items
        .iter()
        .map(|o| {
            let ends = term_ends_on(o);
            TermRow {
                org_id: OrgId(o.id),
                org_name: o.name.clone(),
                secretary: secretaries.iter().find(|s| s.0 == o.id).map(|s| s.1.clone()),
                term_ends_on: ends,
                term_state: term_state(ends, today),
                open_election: open.iter().find(|x| x.0 == o.id).map(|x| x.1),
            }
        })
        .collect();
    Ok(Page::new(items, page.next_cursor))
}
