//! 减免党费 as a process on the workflow engine (domain.md §3: 党员申请 → 党支部研究 → 报上一级
//! 党委批准). The 党委's approval writes the reduction, and the ledger follows it from its
//! first month.

use serde::Deserialize;
use shared::api::workflow::{EventAction, FieldKind, Outcome};
use shared::permissions::Action;
use shared::rules::dues::Fen;
use shared::rules::dues_payment::parse_month;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::{ActorRule, Applied, FieldDef, Process, StepCtx, StepDef, Transition, Visibility};
use crate::workflow::{InstanceRow, Record};

pub const PROCESS: &str = "dues_reduction";
pub const APPLY: i32 = 1;
pub const BRANCH: i32 = 2;
pub const COMMITTEE: i32 = 3;

const APPLY_FIELDS: [FieldDef; 5] = [
    FieldDef::new("kind", "减免方式（reduce 减交 / exempt 免交）", FieldKind::Choice),
    FieldDef::new("monthly", "减交后每月金额（元）", FieldKind::Text).optional(),
    FieldDef::new("first_month", "起始月份", FieldKind::Text),
    FieldDef::new("last_month", "截止月份", FieldKind::Text).optional(),
    FieldDef::new("reason", "申请理由", FieldKind::Text),
];

pub static STEPS: [StepDef; 3] = [
    StepDef {
        number: APPLY,
        stage: 1,
        code: "apply",
        name: "党员提出申请",
        actors: &[ActorRule::Subject, ActorRule::SubjectBranch],
        action: EventAction::Submit,
        fields: &APPLY_FIELDS,
        return_to: None,
        may_reject: false,
        comments: Visibility::Everyone,
    },
    StepDef {
        number: BRANCH,
        stage: 1,
        code: "branch_review",
        name: "党支部研究",
        actors: &[ActorRule::SubjectBranch],
        action: EventAction::Approve,
        fields: &[],
        return_to: None,
        may_reject: true,
        comments: Visibility::Everyone,
    },
    StepDef {
        number: COMMITTEE,
        stage: 1,
        code: "committee_approval",
        name: "上级党委批准",
        actors: &[ActorRule::SubjectCommittee],
        action: EventAction::Approve,
        fields: &[],
        return_to: None,
        may_reject: true,
        comments: Visibility::Everyone,
    },
];

/// What an application records.
#[derive(Debug, Clone, Deserialize)]
pub struct Application {
    pub kind: String,
    #[serde(default)]
    pub monthly_fen: i64,
    pub first_month: String,
    #[serde(default)]
    pub last_month: Option<String>,
    pub reason: String,
}

pub struct Reduction;

impl Process for Reduction {
    fn name(&self) -> &'static str {
        PROCESS
    }

    fn action(&self) -> Action {
        Action::ManageDues
    }

    fn steps(&self) -> &'static [StepDef] {
        &STEPS
    }

    fn apply(&self, _conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        let record = ctx.record.clone();
        Ok(match step.number {
            BRANCH => Applied::to(Transition::Advance(COMMITTEE), record),
            COMMITTEE => Applied::to(Transition::Complete(Outcome::Done), record),
            _ => return Err(ApiError::invalid_state("申请已提交")),
        })
    }

    fn after(
        &self,
        conn: &mut DbConnection,
        _actor: &Actor,
        instance: &InstanceRow,
        step: &StepDef,
        applied: &Applied,
    ) -> Result<(), ApiError> {
        if step.number != COMMITTEE || !matches!(applied.transition, Transition::Complete(_)) {
            return Ok(());
        }
        let app: Application = crate::workflow::process::typed(&applied.record)?;
        let first = parse_month(&app.first_month).ok_or_else(|| ApiError::internal("bad first_month on record"))?;
        let last = app.last_month.as_deref().and_then(parse_month);
        super::repo::approve(conn, instance.subject_person_id, instance.id, app.monthly_fen, first, last, &app.reason)
    }
}

/// The record of an application, checked: 422 names the field.
pub fn application(
    kind: &str,
    monthly: Option<&str>,
    first: &str,
    last: Option<&str>,
    reason: &str,
    standard_fen: i64,
    current: chrono::NaiveDate,
) -> Result<Record, ApiError> {
    let monthly_fen = match kind {
        "exempt" => 0,
        "reduce" => {
            let fen = monthly
                .and_then(Fen::parse)
                .ok_or_else(|| ApiError::field("monthly", "invalid", "请填写减交后每月金额（元），最多两位小数"))?;
            if fen.0 >= standard_fen {
                return Err(ApiError::field(
                    "monthly",
                    "not_less",
                    format!("减交后的金额应低于现行标准 {} 元", Fen(standard_fen).yuan()),
                ));
            }
            fen.0
        }
        _ => return Err(ApiError::field("kind", "invalid", "减免方式只能是减交（reduce）或免交（exempt）")),
    };
    let first_month =
        parse_month(first).ok_or_else(|| ApiError::field("first_month", "invalid", "起始月份格式应为 2026-12"))?;
    if first_month < current {
        return Err(ApiError::field("first_month", "in_past", "减免从本月或以后的月份开始"));
    }
    let last_month = match last.map(str::trim).filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => {
            let m =
                parse_month(l).ok_or_else(|| ApiError::field("last_month", "invalid", "截止月份格式应为 2027-11"))?;
            if m < first_month {
                return Err(ApiError::field("last_month", "before_first", "截止月份不能早于起始月份"));
            }
            Some(m)
        }
    };
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::field("reason", "invalid", "请填写申请理由（500 字以内）"));
    }
    let mut record = Record::new();
    crate::workflow::process::put(&mut record, "kind", kind);
    crate::workflow::process::put(&mut record, "monthly_fen", monthly_fen);
    crate::workflow::process::put(&mut record, "first_month", shared::rules::dues_payment::fmt_month(first_month));
    crate::workflow::process::put(&mut record, "last_month", last_month.map(shared::rules::dues_payment::fmt_month));
    crate::workflow::process::put(&mut record, "reason", reason);
    Ok(record)
}
