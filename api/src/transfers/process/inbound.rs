//! Into the institution (转入): the receiving branch registers the incoming 介绍信 (the person is
//! put on record but not on the roll), then accepts after checking the 党员档案, or refuses with
//! a reason. A 预备党员 whose probation passed without 转正 is flagged, or refused, as the rules
//! say; never silently accepted.

use shared::api::transfers::{Awaiting, TransferKind};
use shared::api::workflow::{EventAction, FieldKind, Outcome};
use shared::permissions::Action;
use shared::rules::RuleViolation;
use shared::rules::transfers::{OverdueProbation, TransferRules, probation_violation};

use super::{TransferProcess, date, id, text};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::{ActorRule, Applied, FieldDef, Process, StepCtx, StepDef, Transition, Visibility, put};
use crate::workflow::{InstanceRow, Record};

pub const PROCESS: &str = "transfer_in";
pub const REGISTER: i32 = 1;
pub const ACCEPT: i32 = 2;

const ACCEPT_FIELDS: [FieldDef; 3] = [
    FieldDef::new("archive_checked", "党员档案已核对（yes）", FieldKind::Choice).optional(),
    FieldDef::new("explanation", "情况说明", FieldKind::Text).optional(),
    FieldDef::new("party_group_id", "编入党小组", FieldKind::Number).optional(),
];

const OFFICIALS: &[ActorRule] = &[ActorRule::SubjectBranch, ActorRule::SubjectCommittee];

pub static STEPS: [StepDef; 2] = [
    StepDef {
        number: REGISTER,
        stage: 1,
        code: "register",
        name: "登记转入介绍信",
        actors: OFFICIALS,
        action: EventAction::Submit,
        fields: &[],
        return_to: None,
        may_reject: false,
        comments: Visibility::Everyone,
    },
    StepDef {
        number: ACCEPT,
        stage: 1,
        code: "accept",
        name: "核对档案并接收",
        actors: OFFICIALS,
        action: EventAction::Approve,
        fields: &ACCEPT_FIELDS,
        return_to: None,
        may_reject: true,
        comments: Visibility::Everyone,
    },
];

pub struct Inbound {
    pub rules: TransferRules,
}

impl TransferProcess for Inbound {
    fn kind(&self) -> TransferKind {
        TransferKind::In
    }

    fn awaiting(&self, step: i32) -> Awaiting {
        if step == ACCEPT { Awaiting::Receiving } else { Awaiting::Nobody }
    }
}

fn archive_violation() -> RuleViolation {
    RuleViolation {
        code: "transfer.archive_unchecked".into(),
        rule: "接收党员组织关系前，应核对党员档案（入党志愿书等）；材料不全的，应去函调取".into(),
        source: "本单位规定".into(),
        message: "尚未核对该同志的党员档案，请核对后勾选“党员档案已核对”再接收".into(),
        earliest: None,
    }
}

impl Process for Inbound {
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
        if step.number != ACCEPT {
            return Err(ApiError::invalid_state("介绍信已登记"));
        }
        let mut record = ctx.record.clone();
        let checked = record.get("archive_checked").and_then(|v| v.as_bool()).unwrap_or(false)
            || text(ctx.input, "archive_checked").as_deref() == Some("yes");
        if !checked {
            return Err(ApiError::rule(archive_violation()));
        }
        put(&mut record, "archive_checked", true);
        if record.get("probation_overdue").and_then(|v| v.as_bool()).unwrap_or(false) {
            let joined = date(&record, "join_date").unwrap_or(ctx.today);
            let violation = probation_violation(&self.rules, joined);
            match (self.rules.overdue_probation, text(ctx.input, "explanation")) {
                (OverdueProbation::Flag, Some(explanation)) => put(&mut record, "explanation", explanation),
                _ => return Err(ApiError::rule(violation)),
            }
        }
        let group = id(ctx.input, "party_group_id");
        if let Some(group) = group {
            super::super::service::check_group(conn, ctx.instance.org_id, group)?;
        }
        put(&mut record, "party_group_id", group);
        put(&mut record, "accepted_on", ctx.today);
        Ok(Applied::to(Transition::Complete(Outcome::Done), record))
    }

    fn after(
        &self,
        conn: &mut DbConnection,
        actor: &Actor,
        instance: &InstanceRow,
        step: &StepDef,
        applied: &Applied,
    ) -> Result<(), ApiError> {
        if step.number != ACCEPT {
            return Ok(());
        }
        let effects = super::super::effects::Effects { conn, actor, instance };
        match applied.transition {
            Transition::Complete(_) => effects.accept_incoming(&applied.record),
            Transition::Reject => super::super::repo::people::refuse_pending(effects.conn, instance.subject_person_id),
            _ => Ok(()),
        }
    }
}

/// Whether a registered letter's record flags an overdue probation.
pub fn flags_probation(record: &Record) -> bool {
    record.get("probation_overdue").and_then(|v| v.as_bool()).unwrap_or(false)
}
