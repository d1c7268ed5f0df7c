//! The structured steps: the 候选人预备人选, each round's count (per candidate or ballot by
//! ballot, with 另行选举 for seats left), and the first meeting's posts.

use chrono::NaiveDate;
use shared::api::elections::{BallotEntry, CommitteePost, ElectionKind, Nomination, PostsEntry, RoundView};
use shared::rules::elections::{
    ElectionRules, RoundSetup, count_round, nominee_violation, quorum_violation, sort_by_strokes,
};
use shared::{MembershipStatus, PersonId};

use super::process::{NOMINATE, POSTS, VOTE};
use super::record::{ElectionRecord, RoundRecord};
use super::repo;
use super::service::guarded;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;

fn entitled(conn: &mut DbConnection, r: &ElectionRecord) -> Result<u32, ApiError> {
    Ok(u32::try_from(repo::roll_counts(conn, r.roll_org(), r.roll_ids())?.0).unwrap_or(0))
}

fn names(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<(i64, String)>, ApiError> {
    Ok(repo::people_brief(conn, ids)?.into_iter().map(|p| (p.0, p.1)).collect())
}

fn joined(names: &[(i64, String)], ids: &[i64]) -> String {
    let list: Vec<&str> = ids.iter().filter_map(|id| names.iter().find(|n| n.0 == *id)).map(|n| n.1.as_str()).collect();
    if list.is_empty() { "无".into() } else { list.join("、") }
}

pub fn nominate(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    today: NaiveDate,
    id: i64,
    input: &Nomination,
) -> Result<(), ApiError> {
    guarded(conn, actor, today, id, NOMINATE, input.version, |conn, r| {
        let mut ids: Vec<i64> = input.candidates.iter().map(|p| p.0).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != input.candidates.len() {
            return Err(ApiError::field("candidates", "duplicate", "候选人名单中有重复"));
        }
        let people = repo::people_brief(conn, &ids)?;
        for id in &ids {
            let Some(p) = people.iter().find(|p| p.0 == *id) else {
                return Err(ApiError::field("candidates", "not_found", format!("党员 {id} 不存在")));
            };
            let in_roll = match r.roll_ids() {
                Some(roll) => roll.contains(id),
                None => p.2 == r.org_id,
            };
            if !in_roll || p.5.is_some() {
                return Err(ApiError::field("candidates", "not_in_org", format!("{}不是本组织在册党员", p.1)));
            }
            if let Some(v) = nominee_violation(&p.1, p.3 == MembershipStatus::Probationary.code()) {
                return Err(ApiError::rule(v));
            }
            if p.3 != MembershipStatus::Formal.code() {
                return Err(ApiError::field("candidates", "not_member", format!("{}不是党员", p.1)));
            }
        }
        if r.kind == ElectionKind::ByElection {
            if input.seats != r.seats {
                return Err(ApiError::field("seats", "changed", format!("增补名额已批复为{}名", r.seats)));
            }
        } else if let Some(v) = rules.seats_violation(entitled(conn, r)?, input.seats) {
            return Err(ApiError::rule(v));
        }
        if let Some(v) = rules.margin_violation(r.kind == ElectionKind::ByElection, input.seats, ids.len() as u32) {
            return Err(ApiError::rule(v));
        }
        let mut ordered: Vec<(i64, String)> = people.iter().map(|p| (p.0, p.1.clone())).collect();
        sort_by_strokes(&mut ordered, |p| p.1.as_str());
        r.seats = input.seats;
        r.candidates = ordered.iter().map(|p| p.0).collect();
        let list: Vec<&str> = ordered.iter().map(|p| p.1.as_str()).collect();
        Ok((format!("应选{}名，候选人预备人选{}名：{}", input.seats, ids.len(), list.join("、")), ()))
    })
}

/// Counts one round. `preview` returns the count without saving; otherwise the round is recorded
/// and the case goes on to the posts once every seat is filled (or the meeting accepts fewer).
pub fn ballots(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    today: NaiveDate,
    id: i64,
    input: &BallotEntry,
) -> Result<RoundView, ApiError> {
    let run = |conn: &mut DbConnection, r: &mut ElectionRecord| -> Result<(String, RoundView), ApiError> {
        let entitled = entitled(conn, r)?;
        if input.accept_fewer {
            let (lo, _) = rules.seat_range(entitled);
            if r.rounds.is_empty()
                || (r.elected.len() as u32) < lo
                || r.kind == ElectionKind::ByElection && r.elected.is_empty()
            {
                return Err(ApiError::field("accept_fewer", "too_few", format!("当选人数不足{lo}名，应另行选举")));
            }
            r.seats = r.elected.len() as u32;
            r.vote_done = true;
            let last = r.rounds.last().cloned().ok_or_else(|| ApiError::invalid_state("尚未投票"))?;
            let view = round_view(&last);
            return Ok((format!("会议决定不再另行选举，当选{}名", r.elected.len()), view));
        }
        let (seats, candidates) = r.next_round().ok_or_else(|| ApiError::invalid_state("选举已结束"))?;
        if candidates.len() < seats as usize {
            return Err(ApiError::invalid_state(
                "候选人少于应选名额，不能另行选举；可决定不再另行选举，或终止本次选举",
            ));
        }
        if let Some(v) = quorum_violation(entitled, input.present) {
            return Err(ApiError::rule(v));
        }
        let setup = RoundSetup {
            seats,
            candidates: &candidates,
            present: input.present,
            issued: input.issued,
            returned: input.returned,
        };
        let count = count_round(&setup, &input.tally).map_err(ApiError::rule)?;
        let round = RoundRecord {
            number: r.rounds.len() as u32 + 1,
            seats,
            candidates: candidates.clone(),
            entitled,
            present: input.present,
            issued: input.issued,
            returned: input.returned,
            count,
        };
        let view = round_view(&round);
        let names = names(conn, &candidates)?;
        let summary = if round.count.void {
            format!(
                "第{}轮：收回选票{}张多于发出的{}张，本轮选举无效，应重新投票",
                round.number, input.returned, input.issued
            )
        } else {
            format!(
                "第{}轮：应到会{entitled}人，实到会{}人，发出选票{}张，收回{}张，有效{}张；当选：{}",
                round.number,
                input.present,
                input.issued,
                input.returned,
                round.count.valid_ballots,
                joined(&names, &round.count.elected)
            )
        };
        r.elected.extend(round.count.elected.iter().copied());
        r.vote_done = r.elected.len() as u32 >= r.seats;
        r.voted_on = Some(today);
        r.rounds.push(round);
        Ok((summary, view))
    };
    if input.preview {
        let e = repo::get(conn, id)?;
        let row = crate::workflow::repo::get(conn, e.instance_id)?;
        let scope = crate::workflow::service::Scope::load(conn, &super::process::ElectionProcess, &row)?;
        if !crate::workflow::service::can_act(&super::process::ElectionProcess, actor, &row, &scope) || row.step != VOTE
        {
            return Err(ApiError::forbidden("该环节应由本级党组织办理"));
        }
        let mut record = ElectionRecord::from_record(&row.record())?;
        return run(conn, &mut record).map(|(_, view)| view);
    }
    guarded(conn, actor, today, id, VOTE, input.version, run)
}

pub fn round_view(r: &RoundRecord) -> RoundView {
    RoundView {
        number: r.number,
        seats: r.seats,
        candidates: r.candidates.clone(),
        entitled: r.entitled,
        present: r.present,
        issued: r.issued,
        returned: r.returned,
        count: r.count.clone(),
    }
}

pub fn posts(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    today: NaiveDate,
    id: i64,
    input: &PostsEntry,
) -> Result<(), ApiError> {
    guarded(conn, actor, today, id, POSTS, input.version, |conn, r| {
        let given: Vec<i64> = input.posts.iter().map(|p| p.person_id.0).collect();
        let mut sorted = given.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let mut elected = r.elected.clone();
        elected.sort_unstable();
        if sorted.len() != given.len() || sorted != elected {
            return Err(ApiError::field("posts", "not_elected", "应为每一名当选人确定一个职务"));
        }
        let count = |post: CommitteePost| input.posts.iter().filter(|p| p.post == post).count();
        let holds_secretary = !crate::committees::repo::current(conn, r.org_id)?
            .iter()
            .all(|s| s.seat.post != CommitteePost::Secretary.code());
        let secretary_needed = !(r.kind == ElectionKind::ByElection && holds_secretary);
        if secretary_needed && count(CommitteePost::Secretary) != 1 {
            return Err(ApiError::field("posts", "secretary", "应选举产生书记1名"));
        }
        if !secretary_needed && count(CommitteePost::Secretary) > 0 {
            return Err(ApiError::field("posts", "secretary", "书记在任，增补时不能再选举书记"));
        }
        if count(CommitteePost::Deputy) > 1 {
            return Err(ApiError::field("posts", "deputy", "副书记一般设1名"));
        }
        let doubled =
            [CommitteePost::Organization, CommitteePost::Propaganda, CommitteePost::Discipline, CommitteePost::Youth]
                .into_iter()
                .find(|p| count(*p) > 1);
        if let Some(post) = doubled {
            return Err(ApiError::field("posts", "duplicate_post", format!("{}只设1名", post.label())));
        }
        let small = !rules.has_committee(entitled(conn, r)?) && r.kind != ElectionKind::ByElection;
        if small && input.posts.iter().any(|p| !matches!(p.post, CommitteePost::Secretary | CommitteePost::Deputy)) {
            return Err(ApiError::field("posts", "no_committee", "不设支部委员会的，只设书记和副书记"));
        }
        let people = repo::people_brief(conn, &given)?;
        for p in input.posts.iter().filter(|p| matches!(p.post, CommitteePost::Secretary | CommitteePost::Deputy)) {
            let Some(person) = people.iter().find(|x| x.0 == p.person_id.0) else { continue };
            if let Some(v) = rules.secretary_violation(&person.1, person.4, today) {
                return Err(ApiError::rule(v));
            }
        }
        r.posts = input.posts.iter().map(|p| (p.person_id.0, p.post)).collect();
        let names: Vec<(i64, String)> = people.iter().map(|p| (p.0, p.1.clone())).collect();
        let summary: Vec<String> =
            r.posts.iter().map(|(id, post)| format!("{}：{}", post.label(), joined(&names, &[*id]))).collect();
        Ok((summary.join("；"), ()))
    })
}

pub fn person_ids(ids: &[i64]) -> Vec<PersonId> {
    ids.iter().map(|i| PersonId(*i)).collect()
}
