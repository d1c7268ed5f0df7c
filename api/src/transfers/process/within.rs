//! Within the institution (系统内转接): the member or the sending branch applies, the sending
//! branch agrees (dues paid up), the 党委 approves when the two branches sit under different
//! committees, and the receiving branch accepts or refuses with a reason. The person, their
//! party group, dues branch and open cases move only at acceptance.

use shared::api::transfers::{Awaiting, TransferKind};
use shared::api::workflow::{EventAction, FieldKind, Outcome};
use shared::permissions::Action;

use super::{TransferProcess, dues_paid_up, id};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::{ActorRule, Applied, FieldDef, Process, StepCtx, StepDef, Transition, Visibility, put};
use crate::workflow::{InstanceRow, Record};

pub const PROCESS: &str = "transfer_within";
pub const APPLY: i32 = 1;
pub const SENDING: i32 = 2;
pub const COMMITTEE: i32 = 3;
pub const RECEIVE: i32 = 4;

const RECEIVE_FIELDS: [FieldDef; 1] = [FieldDef::new("party_group_id", "编入党小组", FieldKind::Number).optional()];

const fn step(
    number: i32,
    code: &'static str,
    name: &'static str,
    actors: &'static [ActorRule],
    fields: &'static [FieldDef],
) -> StepDef {
    StepDef {
        number,
        stage: 1,
        code,
        name,
        actors,
        action: if number == APPLY { EventAction::Submit } else { EventAction::Approve },
        fields,
        return_to: None,
        may_reject: number != APPLY,
        comments: Visibility::Everyone,
    }
}

pub static STEPS: [StepDef; 4] = [
    step(APPLY, "apply", "提出转接申请", &[ActorRule::Subject, ActorRule::SubjectBranch], &[]),
    step(SENDING, "sending_branch", "转出党支部审核", &[ActorRule::SubjectBranch], &[]),
    step(COMMITTEE, "committee", "上级党委审批", &[ActorRule::SubjectCommittee], &[]),
    step(RECEIVE, "receiving_branch", "接收党支部接收", &[ActorRule::ReceivingOrg], &RECEIVE_FIELDS),
];

pub struct Within;

impl TransferProcess for Within {
    fn kind(&self) -> TransferKind {
        TransferKind::Within
    }

    fn awaiting(&self, step: i32) -> Awaiting {
        match step {
            APPLY | SENDING => Awaiting::SendingBranch,
            COMMITTEE => Awaiting::Committee,
            RECEIVE => Awaiting::Receiving,
            _ => Awaiting::Nobody,
        }
    }
}

impl Process for Within {
    fn name(&self) -> &'static str {
        PROCESS
    }

    fn action(&self) -> Action {
        Action::RunTransfers
    }

    fn steps(&self) -> &'static [StepDef] {
        &STEPS
    }

    fn apply(&self, conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        let mut record = ctx.record.clone();
        let transition = match step.number {
            SENDING => {
                dues_paid_up(conn, ctx.instance.subject_person_id, ctx.today)?;
                let committee = record.get("needs_committee").and_then(|v| v.as_bool()).unwrap_or(true);
                Transition::Advance(if committee { COMMITTEE } else { RECEIVE })
            }
            COMMITTEE => Transition::Advance(RECEIVE),
            RECEIVE => {
                let to_org =
                    id(&record, "to_org_id").ok_or_else(|| ApiError::internal("transfer without to_org_id"))?;
                let group = id(ctx.input, "party_group_id");
                if let Some(group) = group {
                    super::super::service::check_group(conn, to_org, group)?;
                }
                put(&mut record, "party_group_id", group);
                put(&mut record, "accepted_on", ctx.today);
                Transition::Complete(Outcome::Done)
            }
            _ => return Err(ApiError::invalid_state("申请已提交")),
        };
        Ok(Applied::to(transition, record))
    }

    fn receiving_org(&self, record: &Record) -> Option<i64> {
        id(record, "to_org_id")
    }

    fn after(
        &self,
        conn: &mut DbConnection,
        actor: &Actor,
        instance: &InstanceRow,
        step: &StepDef,
        applied: &Applied,
    ) -> Result<(), ApiError> {
        if step.number != RECEIVE || !matches!(applied.transition, Transition::Complete(_)) {
            return Ok(());
        }
        let record = &applied.record;
        let to_org = id(record, "to_org_id").ok_or_else(|| ApiError::internal("transfer without to_org_id"))?;
        let on = super::date(record, "accepted_on").unwrap_or_else(|| instance.updated_at.date());
        super::super::effects::move_person(
            conn,
            actor,
            instance.subject_person_id,
            to_org,
            id(record, "party_group_id"),
            on,
        )
    }
}
