//! The election as a workflow process: 决定 → 请示/批复 → 候选人预备人选 → 候选人请示/批复 →
//! 党员大会选举 → 分工（书记、副书记） → 上级批准. A founding skips the candidates' 请示. The
//! structured steps (candidates, ballots, posts) are checked in `voting` before the engine moves
//! the case; the 请示 steps go on once the linked request has its 批复.

use shared::api::elections::ElectionKind;
use shared::api::requests::RequestStage;
use shared::api::workflow::{EventAction, Outcome};
use shared::permissions::Action;

use super::record::ElectionRecord;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::{ActorRule, Applied, InstanceRow, Process, Record, StepCtx, StepDef, Transition, Visibility};

pub const PROCESS: &str = "election";
pub const DECIDE: i32 = 1;
pub const REQUEST: i32 = 2;
pub const NOMINATE: i32 = 3;
pub const CANDIDATES_REQUEST: i32 = 4;
pub const VOTE: i32 = 5;
pub const POSTS: i32 = 6;
pub const APPROVAL: i32 = 7;

const OWN: &[ActorRule] = &[ActorRule::OwnOrg];

const fn step(number: i32, code: &'static str, name: &'static str, actors: &'static [ActorRule]) -> StepDef {
    StepDef {
        number,
        stage: 1,
        code,
        name,
        actors,
        action: if number == APPROVAL { EventAction::Approve } else { EventAction::Submit },
        fields: &[],
        return_to: if number == APPROVAL { Some(POSTS) } else { None },
        // The electing org may close a case it no longer pursues at a 请示 step; the upper org may refuse.
        may_reject: matches!(number, REQUEST | CANDIDATES_REQUEST | APPROVAL),
        comments: Visibility::Everyone,
    }
}

pub static STEPS: [StepDef; 7] = [
    step(DECIDE, "decide", "研究决定", OWN),
    step(REQUEST, "request", "请示上级并获批复", OWN),
    step(NOMINATE, "nominate", "确定候选人预备人选", OWN),
    step(CANDIDATES_REQUEST, "candidates_request", "候选人预备人选报批", OWN),
    step(VOTE, "vote", "党员大会选举", OWN),
    step(POSTS, "posts", "选举书记、副书记并分工", OWN),
    step(APPROVAL, "approval", "上级党组织批准", &[ActorRule::SubjectCommittee]),
];

/// The request template each 请示 step needs.
pub fn request_template(kind: ElectionKind, step: i32) -> Option<&'static str> {
    match (step, kind) {
        (REQUEST, ElectionKind::Founding) => Some("found_branch"),
        (REQUEST, ElectionKind::Reelection) => Some("reelection"),
        (REQUEST, ElectionKind::ByElection) => Some("by_election"),
        (CANDIDATES_REQUEST, _) => Some("candidates"),
        _ => None,
    }
}

pub struct ElectionProcess;

impl ElectionProcess {
    fn approved_request(conn: &mut DbConnection, instance: i64, code: &str) -> Result<i64, ApiError> {
        let linked = crate::requests::repo::for_case(conn, instance)?;
        let Some((row, _)) = linked.iter().find(|(_, c)| c == code) else {
            return Err(ApiError::invalid_state("请先起草并报送请示，待上级批复后再继续"));
        };
        match row.stage()? {
            RequestStage::Approved => Ok(row.id),
            RequestStage::Rejected => {
                Err(ApiError::invalid_state("上级党组织未同意该请示；可重新起草请示，或终止本次选举"))
            }
            _ => Err(ApiError::invalid_state("请示尚未批复，批复后再继续")),
        }
    }
}

impl Process for ElectionProcess {
    fn name(&self) -> &'static str {
        PROCESS
    }

    fn action(&self) -> Action {
        Action::RunElections
    }

    fn steps(&self) -> &'static [StepDef] {
        &STEPS
    }

    fn apply(&self, conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        let mut record = ElectionRecord::from_record(ctx.record)?;
        let transition = match step.number {
            REQUEST | CANDIDATES_REQUEST => {
                let code = request_template(record.kind, step.number).unwrap_or("free");
                let id = Self::approved_request(conn, ctx.instance.id, code)?;
                record.approved_requests.retain(|(c, _)| c != code);
                record.approved_requests.push((code.to_string(), id));
                Transition::Advance(step.number + 1)
            }
            NOMINATE if record.candidates.is_empty() => {
                return Err(ApiError::invalid_state("请先确定候选人预备人选"));
            }
            NOMINATE if record.kind == ElectionKind::Founding => Transition::Advance(VOTE),
            NOMINATE => Transition::Advance(CANDIDATES_REQUEST),
            VOTE if record.vote_done => Transition::Advance(POSTS),
            VOTE => Transition::Advance(VOTE),
            POSTS if record.posts.is_empty() => return Err(ApiError::invalid_state("请先确定书记、副书记和委员分工")),
            POSTS => Transition::Advance(APPROVAL),
            APPROVAL => Transition::Complete(Outcome::Done),
            _ => return Err(ApiError::invalid_state("该选举已办结")),
        };
        Ok(Applied::to(transition, record.to_record()))
    }

    fn after(
        &self,
        conn: &mut DbConnection,
        actor: &Actor,
        instance: &InstanceRow,
        step: &StepDef,
        applied: &Applied,
    ) -> Result<(), ApiError> {
        let record = ElectionRecord::from_record(&applied.record)?;
        match applied.transition {
            Transition::Complete(_) if step.number == APPROVAL => super::effects::take_effect(conn, actor, &record),
            Transition::Reject | Transition::End(_) => super::repo::close(conn, record.election_id, None),
            _ => Ok(()),
        }?;
        super::notices::after_step(conn, instance, &record)
    }

    fn receiving_org(&self, record: &Record) -> Option<i64> {
        record.get("to_org_id").and_then(|v| v.as_i64())
    }
}
