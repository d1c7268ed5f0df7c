//! The request (请示) as a workflow process: 起草 → 内部审核 → 签发 (the named signer) → the
//! upper org's 批复 (approve, return with comments, or reject). The record carries the upper
//! org and the signer, so the engine knows who acts at each step; sealing and SMS tickets
//! follow in `service` inside the same transaction.

use chrono::NaiveDate;
use shared::api::workflow::{EventAction, FieldKind, Outcome};
use shared::permissions::Action;
use shared::rules::requests::RequestRules;

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::put;
use crate::workflow::{ActorRule, Applied, FieldDef, Process, Record, StepCtx, StepDef, Transition, Visibility};

pub const PROCESS: &str = "request";
pub const DRAFT: i32 = 1;
pub const REVIEW: i32 = 2;
pub const SIGN: i32 = 3;
pub const REPLY: i32 = 4;

const fn step(
    number: i32,
    code: &'static str,
    name: &'static str,
    actors: &'static [ActorRule],
    action: EventAction,
    fields: &'static [FieldDef],
) -> StepDef {
    StepDef {
        number,
        stage: 1,
        code,
        name,
        actors,
        action,
        fields,
        return_to: if number == DRAFT { None } else { Some(DRAFT) },
        may_reject: number == REPLY,
        comments: Visibility::Everyone,
    }
}

pub static STEPS: [StepDef; 4] = [
    step(DRAFT, "draft", "起草", &[ActorRule::OwnOrg], EventAction::Submit, &[]),
    step(REVIEW, "review", "内部审核", &[ActorRule::OwnOrg], EventAction::Approve, &[]),
    step(SIGN, "sign", "签发", &[ActorRule::Designated], EventAction::Approve, &[]),
    step(
        REPLY,
        "reply",
        "上级批复",
        &[ActorRule::ReceivingOrg],
        EventAction::Approve,
        &[FieldDef::new("reply_body", "批复正文", FieldKind::Text).optional()],
    ),
];

pub struct RequestProcess {
    pub rules: RequestRules,
}

fn id(record: &Record, name: &str) -> Option<i64> {
    record.get(name).and_then(|v| v.as_i64())
}

impl Process for RequestProcess {
    fn name(&self) -> &'static str {
        PROCESS
    }

    fn action(&self) -> Action {
        Action::HandleRequests
    }

    fn steps(&self) -> &'static [StepDef] {
        &STEPS
    }

    fn apply(&self, _conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        let mut record = ctx.record.clone();
        let transition = match step.number {
            DRAFT => Transition::Advance(REVIEW),
            REVIEW => Transition::Advance(SIGN),
            SIGN => {
                put(&mut record, "submitted_on", ctx.today);
                Transition::Advance(REPLY)
            }
            REPLY => {
                if let Some(text) = ctx.input.get("reply_body").and_then(|v| v.as_str()) {
                    put(&mut record, "reply_body", text.trim());
                }
                put(&mut record, "replied_on", ctx.today);
                Transition::Complete(Outcome::Done)
            }
            _ => return Err(ApiError::invalid_state("该请示已办结")),
        };
        Ok(Applied::to(transition, record))
    }

    fn deadlines(&self, step: i32, record: &Record) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let submitted = record
            .get("submitted_on")
            .and_then(|v| v.as_str())
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        let days = record.get("reply_days").and_then(|v| v.as_i64()).unwrap_or(30) as i32;
        match (step, submitted) {
            (REPLY, Some(on)) => (Some(self.rules.reply_due(on, days)), None),
            _ => (None, None),
        }
    }

    fn receiving_org(&self, record: &Record) -> Option<i64> {
        id(record, "to_org_id")
    }

    fn designated(&self, record: &Record) -> Option<i64> {
        id(record, "signer_user_id")
    }
}
