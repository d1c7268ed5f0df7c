//! Out of the institution (转出): the member or branch applies, the branch agrees (dues paid
//! up), the 党委 approves and issues the 《中国共产党党员组织关系介绍信》, and the case waits for
//! the 回执. The receipt, or the sending side closing the case, records the person as 转出; an
//! expired letter is re-issued on a reason.

use shared::api::transfers::{Awaiting, TransferKind};
use shared::api::workflow::{EventAction, FieldKind, Outcome};
use shared::permissions::Action;
use shared::rules::transfers::{self as rules, TransferRules};

use super::{TransferProcess, date, dues_paid_up, text};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::{ActorRule, Applied, FieldDef, Process, StepCtx, StepDef, Transition, Visibility, put};
use crate::workflow::{InstanceRow, Record};

pub const PROCESS: &str = "transfer_out";
pub const APPLY: i32 = 1;
pub const SENDING: i32 = 2;
pub const ISSUE: i32 = 3;
pub const RECEIPT: i32 = 4;

const ISSUE_FIELDS: [FieldDef; 1] = [FieldDef::new("valid_days", "有效期（天）", FieldKind::Number).optional()];
const RECEIPT_FIELDS: [FieldDef; 3] = [
    FieldDef::new(
        "result",
        "办理结果（received 回执已收到 / closed 转出方办结 / reissue 重新开具）",
        FieldKind::Choice,
    ),
    FieldDef::new("receipt_on", "回执收到日期", FieldKind::Date).optional(),
    FieldDef::new("note", "说明（办结或重开的理由）", FieldKind::Text).optional(),
];

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
        action: match number {
            APPLY => EventAction::Submit,
            RECEIPT => EventAction::Complete,
            _ => EventAction::Approve,
        },
        fields,
        return_to: None,
        may_reject: number == SENDING || number == ISSUE,
        comments: Visibility::Everyone,
    }
}

pub static STEPS: [StepDef; 4] = [
    step(APPLY, "apply", "提出转出申请", &[ActorRule::Subject, ActorRule::SubjectBranch], &[]),
    step(SENDING, "sending_branch", "党支部审核", &[ActorRule::SubjectBranch], &[]),
    step(ISSUE, "issue_letter", "党委审批并开具介绍信", &[ActorRule::SubjectCommittee], &ISSUE_FIELDS),
    step(RECEIPT, "receipt", "等待回执", &[ActorRule::SubjectCommittee, ActorRule::SubjectBranch], &RECEIPT_FIELDS),
];

pub struct Out {
    pub rules: TransferRules,
}

impl Out {
    /// Dates of a (new) letter issued today for `days` days.
    fn letter(&self, record: &mut Record, today: chrono::NaiveDate, days: u32) {
        let count = record.get("letters_issued").and_then(|v| v.as_i64()).unwrap_or(0);
        put(record, "letters_issued", count + 1);
        put(record, "valid_days", days);
        put(record, "issued_on", today);
        put(record, "valid_until", rules::valid_until(today, days));
        put(record, "receipt_due", rules::receipt_due(&self.rules, today));
    }
}

impl TransferProcess for Out {
    fn kind(&self) -> TransferKind {
        TransferKind::Out
    }

    fn awaiting(&self, step: i32) -> Awaiting {
        match step {
            APPLY | SENDING => Awaiting::SendingBranch,
            ISSUE => Awaiting::Committee,
            RECEIPT => Awaiting::Receipt,
            _ => Awaiting::Nobody,
        }
    }
}

fn note(input: &Record, what: &str) -> Result<String, ApiError> {
    text(input, "note").ok_or_else(|| ApiError::field("note", "required", format!("{what}时请填写说明")))
}

impl Process for Out {
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
                Transition::Advance(ISSUE)
            }
            ISSUE => {
                dues_paid_up(conn, ctx.instance.subject_person_id, ctx.today)?;
                let asked = ctx.input.get("valid_days").and_then(|v| v.as_u64()).map(|d| d.min(u32::MAX as u64) as u32);
                let days = rules::letter_days(&self.rules, asked).map_err(ApiError::rule)?;
                self.letter(&mut record, ctx.today, days);
                Transition::Advance(RECEIPT)
            }
            RECEIPT => match text(ctx.input, "result").as_deref() {
                Some("received") => {
                    let on = date(ctx.input, "receipt_on")
                        .ok_or_else(|| ApiError::field("receipt_on", "required", "请填写回执收到日期"))?;
                    if date(&record, "issued_on").is_some_and(|issued| on < issued) {
                        return Err(ApiError::field("receipt_on", "too_early", "回执日期不能早于介绍信开具日期"));
                    }
                    put(&mut record, "left_on", on);
                    Transition::Complete(Outcome::Done)
                }
                Some("closed") => {
                    put(&mut record, "closed_note", note(ctx.input, "办结")?);
                    put(&mut record, "left_on", ctx.today);
                    Transition::Complete(Outcome::Done)
                }
                Some("reissue") => {
                    let reason = note(ctx.input, "重新开具")?;
                    let until =
                        date(&record, "valid_until").ok_or_else(|| ApiError::internal("letter without date"))?;
                    rules::may_reissue(until, ctx.today).map_err(ApiError::rule)?;
                    let days = record.get("valid_days").and_then(|v| v.as_u64()).unwrap_or(90) as u32;
                    put(&mut record, "reissue_reason", reason);
                    self.letter(&mut record, ctx.today, days);
                    return Ok(Applied {
                        transition: Transition::Advance(RECEIPT),
                        record,
                        warnings: Vec::new(),
                        action: Some(EventAction::File),
                    });
                }
                _ => {
                    return Err(ApiError::field("result", "invalid", "办理结果只能是 received、closed 或 reissue"));
                }
            },
            _ => return Err(ApiError::invalid_state("申请已提交")),
        };
        Ok(Applied::to(transition, record))
    }

    fn deadlines(&self, step: i32, record: &Record) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
        if step == RECEIPT { (date(record, "receipt_due"), None) } else { (None, None) }
    }

    fn after(
        &self,
        conn: &mut DbConnection,
        actor: &Actor,
        instance: &InstanceRow,
        step: &StepDef,
        applied: &Applied,
    ) -> Result<(), ApiError> {
        let effects = super::super::effects::Effects { conn, actor, instance };
        match (step.number, &applied.transition) {
            (ISSUE, _) | (RECEIPT, Transition::Advance(_)) => effects.issue_introduction(&applied.record),
            (RECEIPT, Transition::Complete(_)) => effects.transfer_out(&applied.record),
            _ => Ok(()),
        }
    }
}
