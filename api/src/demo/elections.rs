//! Demo elections, made through the real services as the officials would have: the demo
//! secretary's branch is in the middle of its 换届 (term ending in six weeks; both 请示 approved,
//! six candidates for five seats, the 党员大会 next), and another branch of the same 党委 has
//! held a 增补 whose result waits for the 党委's approval.

use serde_json::json;
use shared::RoleKind;
use shared::api::elections::{
    BallotEntry, CommitteePost, ElectionAct, ElectionKind, Nomination, PostAssignment, StartElection, Tally,
};
use shared::rules::elections::{CandidateVotes, ElectionRules};
use shared::{OrgId, PersonId};

use super::repo::committees as q;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::elections::{repo, service, voting};
use crate::error::ApiError;
use crate::files::TempBlob;
use crate::requests::sealing::Desk;

/// A 请示 for the case, drafted, reviewed and signed by `branch`, approved by `committee`.
fn approved_request(
    conn: &mut DbConnection,
    desk: &Desk,
    (branch, committee): (&Actor, &Actor),
    instance: i64,
    code: &str,
    fields: serde_json::Value,
    temps: &mut Vec<TempBlob>,
) -> Result<(), ApiError> {
    let id = super::requests::draft_for(conn, desk, branch, code, fields, Some(instance))?;
    for _ in 0..3 {
        super::requests::act(conn, desk, branch, id, None, None, temps)?;
    }
    super::requests::act(conn, desk, committee, id, None, None, temps)
}

fn go_on(conn: &mut DbConnection, actor: &Actor, today: chrono::NaiveDate, id: i64) -> Result<(), ApiError> {
    let version = version(conn, id)?;
    service::act(conn, actor, today, id, &ElectionAct { version, decision: None, comment: None })
}

fn version(conn: &mut DbConnection, id: i64) -> Result<i32, ApiError> {
    let e = repo::get(conn, id)?;
    Ok(crate::workflow::repo::get(conn, e.instance_id)?.version)
}

fn instance(conn: &mut DbConnection, id: i64) -> Result<i64, ApiError> {
    Ok(repo::get(conn, id)?.instance_id)
}

pub fn insert(conn: &mut DbConnection, desk: &Desk, temps: &mut Vec<TempBlob>) -> Result<usize, ApiError> {
    let (Some(zhibu), Some(dangwei)) =
        (super::demo_actor(conn, "zhibu", RoleKind::Branch)?, super::demo_actor(conn, "dangwei", RoleKind::Committee)?)
    else {
        return Ok(0);
    };
    let rules = ElectionRules::default();
    let today = desk.today;
    reelection(conn, desk, &rules, &zhibu, &dangwei, temps)?;
    let mut made = 1;
    if let Some(branch) = by_election_branch(conn, &zhibu, &dangwei)? {
        by_election(conn, desk, &rules, &branch, &dangwei, temps)?;
        made += 1;
    }
    let _ = today;
    Ok(made)
}

fn reelection(
    conn: &mut DbConnection,
    desk: &Desk,
    rules: &ElectionRules,
    zhibu: &Actor,
    dangwei: &Actor,
    temps: &mut Vec<TempBlob>,
) -> Result<(), ApiError> {
    let today = desk.today;
    let org = zhibu.role.org_id.0;
    let ends = today + chrono::Duration::days(42);
    let started = ends.checked_sub_months(chrono::Months::new(36)).unwrap_or(ends);
    q::restart_term(conn, org, started, ends)?;
    let start = StartElection {
        kind: ElectionKind::Reelection,
        org_id: OrgId(org),
        planned_on: today + chrono::Duration::days(14),
        seats: 5,
        reason: "本届支部委员会任期将于近期届满，经支委会研究，按期进行换届选举。".into(),
        new_org_name: None,
        unit: None,
        member_ids: Vec::new(),
    };
    let id = service::start(conn, zhibu, rules, today, &start)?;
    let case = instance(conn, id)?;
    let end_text = ends.format("%Y-%m-%d").to_string();
    approved_request(
        conn,
        desk,
        (zhibu, dangwei),
        case,
        "reelection",
        json!({"term_end": end_text, "members_total": "10",
        "committee_size": "5", "meeting_date": "两周后", "plan": "酝酿推荐候选人预备人选，报批后召开党员大会选举。"}),
        temps,
    )?;
    go_on(conn, zhibu, today, id)?;
    let mut candidates: Vec<i64> = zhibu.person_id.map(|p| p.0).into_iter().collect();
    for (person, member_org) in q::formal_members(conn)? {
        if member_org == org && !candidates.contains(&person) && candidates.len() < 6 {
            candidates.push(person);
        }
    }
    let nomination = Nomination {
        version: version(conn, id)?,
        seats: 5,
        candidates: candidates.iter().map(|p| PersonId(*p)).collect(),
    };
    voting::nominate(conn, zhibu, rules, today, id, &nomination)?;
    approved_request(
        conn,
        desk,
        (zhibu, dangwei),
        case,
        "candidates",
        json!({"committee_size": "5", "candidate_count": "6",
        "candidates": "见附件", "process": "经全体党员酝酿推荐，支委会研究确定。"}),
        temps,
    )?;
    go_on(conn, zhibu, today, id)
}

/// A branch of the same 党委 with a committee, a vacancy and a secretary account.
fn by_election_branch(conn: &mut DbConnection, zhibu: &Actor, dangwei: &Actor) -> Result<Option<Actor>, ApiError> {
    let (lo, hi) = crate::db::subtree_bounds(&dangwei.role.org_path);
    for org in crate::orgs::repo::subtree(conn, &dangwei.role.org_path)? {
        if org.id == zhibu.role.org_id.0 || !(org.path >= lo && org.path < hi) || org.kind != "branch" {
            continue;
        }
        let seats = crate::committees::repo::current(conn, org.id)?;
        let elected = crate::committees::repo::terms(conn, org.id)?.first().map_or(0, |t| t.seats) as usize;
        if seats.len() < 3 || elected > seats.len() {
            continue;
        }
        if let Some(user) = q::secretary_user(conn, org.id)?
            && let Some(actor) = crate::requests::repo::actor_at(conn, user, org.id)?
        {
            return Ok(Some(actor));
        }
    }
    Ok(None)
}

fn by_election(
    conn: &mut DbConnection,
    desk: &Desk,
    rules: &ElectionRules,
    branch: &Actor,
    dangwei: &Actor,
    temps: &mut Vec<TempBlob>,
) -> Result<(), ApiError> {
    let today = desk.today;
    let org = branch.role.org_id.0;
    let seats = crate::committees::repo::current(conn, org)?;
    let leaving =
        seats.iter().find(|s| s.seat.post != "secretary").ok_or_else(|| ApiError::internal("no member seat"))?;
    crate::committees::repo::end(conn, &leaving.seat, today - chrono::Duration::days(30), "退休")?;
    let start = StartElection {
        kind: ElectionKind::ByElection,
        org_id: OrgId(org),
        planned_on: today,
        seats: 1,
        reason: format!(
            "原{}{}同志退休，委员出缺。",
            CommitteePost::from_code(&leaving.seat.post).map_or("委员", |p| p.label()),
            leaving.name
        ),
        new_org_name: None,
        unit: None,
        member_ids: Vec::new(),
    };
    let id = service::start(conn, branch, rules, today, &start)?;
    let case = instance(conn, id)?;
    let taken: Vec<i64> = seats.iter().map(|s| s.seat.person_id).collect();
    let candidate = q::formal_members(conn)?
        .into_iter()
        .find(|(p, o)| *o == org && !taken.contains(p))
        .map(|(p, _)| p)
        .ok_or_else(|| ApiError::internal("no candidate"))?;
    approved_request(
        conn,
        desk,
        (branch, dangwei),
        case,
        "by_election",
        json!({"vacancy": start.reason, "post": "组织委员",
        "candidate": "见附件", "profile": "政治素质好，群众基础好。"}),
        temps,
    )?;
    go_on(conn, branch, today, id)?;
    let nomination = Nomination { version: version(conn, id)?, seats: 1, candidates: vec![PersonId(candidate)] };
    voting::nominate(conn, branch, rules, today, id, &nomination)?;
    approved_request(
        conn,
        desk,
        (branch, dangwei),
        case,
        "candidates",
        json!({"committee_size": "1", "candidate_count": "1",
        "candidates": "见附件", "process": "支委会研究确定。"}),
        temps,
    )?;
    go_on(conn, branch, today, id)?;
    let entitled = u32::try_from(crate::committees::repo::member_counts(conn, org)?.0).unwrap_or(0);
    let entry = BallotEntry {
        version: version(conn, id)?,
        present: entitled,
        issued: entitled,
        returned: entitled,
        tally: Tally::Counts {
            votes: vec![CandidateVotes { person_id: candidate, votes: entitled.saturating_sub(1) }],
            invalid: 0,
        },
        preview: false,
        accept_fewer: false,
    };
    voting::ballots(conn, branch, rules, today, id, &entry)?;
    let posts = shared::api::elections::PostsEntry {
        version: version(conn, id)?,
        posts: vec![PostAssignment { person_id: PersonId(candidate), post: CommitteePost::Organization }],
    };
    voting::posts(conn, branch, rules, today, id, &posts)
}
