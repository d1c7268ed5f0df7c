//! 流动党员: a member away for a while keeps their relationship at home and carries a 《党员证明信》
//! (fixed place, 3–6 months) or a 《流动党员活动证》 (place not fixed). The branch agrees and
//! issues it; the case stays open until the member is back. A host branch in the institution
//! sees the case (a temporary relationship, without voting rights).

use shared::api::transfers::{Awaiting, TransferKind};
use shared::api::workflow::{EventAction, FieldKind, Outcome};
use shared::permissions::Action;

use super::{TransferProcess, date, id};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::{ActorRule, Applied, FieldDef, Process, StepCtx, StepDef, Transition, Visibility, put};
use crate::workflow::{InstanceRow, Record};

pub const PROCESS: &str = "transfer_flow";
pub const APPLY: i32 = 1;
pub const ISSUE: i32 = 2;
pub const BACK: i32 = 3;

const BACK_FIELDS: [FieldDef; 1] = [FieldDef::new("returned_on", "返回日期", FieldKind::Date)];
const OFFICIALS: &[ActorRule] = &[ActorRule::SubjectBranch, ActorRule::SubjectCommittee];

pub static STEPS: [StepDef; 3] = [
    StepDef {
        number: APPLY,
        stage: 1,
        code: "apply",
        name: "提出外出申请",
        actors: &[ActorRule::Subject, ActorRule::SubjectBranch],
        action: EventAction::Submit,
        fields: &[],
        return_to: None,
        may_reject: false,
        comments: Visibility::Everyone,
    },
    StepDef {
        number: ISSUE,
        stage: 1,
        code: "issue",
        name: "党支部审核并开具证明",
        actors: OFFICIALS,
        action: EventAction::Approve,
        fields: &[],
        return_to: None,
        may_reject: true,
        comments: Visibility::Everyone,
    },
    StepDef {
        number: BACK,
        stage: 1,
        code: "back",
        name: "外出结束返回",
        actors: OFFICIALS,
        action: EventAction::Complete,
        fields: &BACK_FIELDS,
        return_to: None,
        may_reject: false,
        comments: Visibility::Everyone,
    },
];

pub struct Flow;

impl TransferProcess for Flow {
    fn kind(&self) -> TransferKind {
        TransferKind::Flow
    }

    fn awaiting(&self, step: i32) -> Awaiting {
        match step {
            APPLY | ISSUE => Awaiting::SendingBranch,
            BACK => Awaiting::Away,
            _ => Awaiting::Nobody,
        }
    }
}

impl Process for Flow {
    fn name(&self) -> &'static str {
        PROCESS
    }

    fn action(&self) -> Action {
        Action::RunTransfers
    }

    fn steps(&self) -> &'static [StepDef] {
        &STEPS
    }

    fn apply(&self, _conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        let mut record = ctx.record.clone();
        let transition = match step.number {
            ISSUE => {
                put(&mut record, "issued_on", ctx.today);
                Transition::Advance(BACK)
            }
            BACK => {
                let back = date(ctx.input, "returned_on").unwrap_or(ctx.today);
                if date(&record, "away_from").is_some_and(|from| back < from) {
                    return Err(ApiError::field("returned_on", "too_early", "返回日期不能早于外出日期"));
                }
                put(&mut record, "returned_on", back);
                Transition::Complete(Outcome::Done)
            }
            _ => return Err(ApiError::invalid_state("申请已提交")),
        };
        Ok(Applied::to(transition, record))
    }

    fn deadlines(&self, step: i32, record: &Record) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
        if step == BACK { (date(record, "away_until"), None) } else { (None, None) }
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
        if step.number == ISSUE && matches!(applied.transition, Transition::Advance(_)) {
            let effects = super::super::effects::Effects { conn, actor, instance };
            return effects.issue_flow_document(&applied.record);
        }
        Ok(())
    }
}
