//! What a process is: its steps as data, who may act at each, and the small piece of code that
//! checks a step's input and says where the instance goes next.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use shared::api::workflow::{EventAction, FieldKind, Outcome};
use shared::error::FieldError;
use shared::permissions::Action;
use shared::rules::RuleViolation;

use super::models::InstanceRow;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;

/// What has been recorded on an instance so far.
pub type Record = Map<String, Value>;

/// Who may act at a step, relative to the subject's org (the instance's org).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorRule {
    /// The person the case is about.
    Subject,
    /// The 党支部 the subject belongs to.
    SubjectBranch,
    /// A 党委 above the subject's branch (or the 政工部门 over it).
    SubjectCommittee,
    /// The 政工部门.
    Department,
    /// The branch or committee of the org named by `Process::receiving_org` (a transfer's receiving side).
    ReceivingOrg,
    /// An official holding a role at the instance's org itself (a request's drafting org).
    OwnOrg,
    /// The user the record names for the step (`Process::designated`, e.g. a request's signer).
    Designated,
}

/// Who sees what a step records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// The subject and the officials.
    Everyone,
    /// Internal: the officials only, not the subject.
    Officials,
}

#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub visibility: Visibility,
    /// A date that may lie ahead (e.g. a planned leaving date); others may not.
    pub future_ok: bool,
}

impl FieldDef {
    pub const fn new(name: &'static str, label: &'static str, kind: FieldKind) -> FieldDef {
        FieldDef { name, label, kind, required: true, visibility: Visibility::Everyone, future_ok: false }
    }

    pub const fn optional(self) -> FieldDef {
        FieldDef { required: false, ..self }
    }

    pub const fn internal(self) -> FieldDef {
        FieldDef { visibility: Visibility::Officials, ..self }
    }

    pub const fn future_ok(self) -> FieldDef {
        FieldDef { future_ok: true, ..self }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct StepDef {
    pub number: i32,
    /// A grouping of steps for timelines (e.g. the five stages of member development).
    pub stage: i32,
    pub code: &'static str,
    pub name: &'static str,
    /// Any one of these may act.
    pub actors: &'static [ActorRule],
    /// The event recorded when the step is done.
    pub action: EventAction,
    pub fields: &'static [FieldDef],
    /// The earlier step a `return` decision sends the instance back to.
    pub return_to: Option<i32>,
    pub may_reject: bool,
    /// Who sees the comments of this step's events.
    pub comments: Visibility,
}

/// Where an instance goes after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    Advance(i32),
    /// Back to an earlier step (its record stays; the step is done again).
    Return(i32),
    /// Ended by a decision at this step.
    Reject,
    Complete(Outcome),
    /// Ended without the goal, for a reason other than a rejection.
    End(Outcome),
    /// On hold until `until`; then `back_to` may be done again. `outcome` notes why it waits.
    WaitUntil {
        until: NaiveDate,
        back_to: i32,
        outcome: Option<Outcome>,
    },
    /// On hold until instance `instance` finishes; then it goes on at `then`.
    WaitFor {
        instance: i64,
        then: i32,
    },
}

/// The result of a step: the transition, the new record, and what to tell the user.
#[derive(Debug, Clone)]
pub struct Applied {
    pub transition: Transition,
    pub record: Record,
    pub warnings: Vec<String>,
    /// Overrides the step's usual event action (e.g. a vote that sends the case to wait).
    pub action: Option<EventAction>,
}

impl Applied {
    pub fn to(transition: Transition, record: Record) -> Applied {
        Applied { transition, record, warnings: Vec::new(), action: None }
    }
}

/// What a step's code gets to look at.
pub struct StepCtx<'a> {
    pub today: NaiveDate,
    pub actor: &'a Actor,
    pub instance: &'a InstanceRow,
    pub record: &'a Record,
    /// The request's fields, checked against the step's `FieldDef`s (present, well formed).
    pub input: &'a Record,
}

impl StepCtx<'_> {
    /// The input as the step's typed struct.
    pub fn input<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        typed(self.input)
    }
}

/// A process type. Member development is the first; transfers, elections and requests are
/// written the same way without touching the engine.
pub trait Process: Sync {
    /// Stored in `workflow_instances.process`.
    fn name(&self) -> &'static str;
    /// The permission-table action an official needs (within its scope) to act on a step; the
    /// step's actor rules then say which of the officials in reach it is.
    fn action(&self) -> Action;
    fn steps(&self) -> &'static [StepDef];

    fn step(&self, number: i32) -> Option<&'static StepDef> {
        self.steps().iter().find(|s| s.number == number)
    }

    /// Checks the step's input against the rules and says where the instance goes.
    fn apply(&self, conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError>;

    /// Deadline and earliest date of `step` for a record.
    fn deadlines(&self, _step: i32, _record: &Record) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (None, None)
    }

    /// A rule that blocks `step` today, to explain before the user submits.
    fn precheck(&self, _step: i32, _record: &Record, _today: NaiveDate) -> Option<RuleViolation> {
        None
    }

    /// Why a waiting instance cannot go on before `until`.
    fn wait_violation(&self, _record: &Record, until: NaiveDate) -> RuleViolation {
        RuleViolation {
            code: "workflow.waiting".into(),
            rule: "等待期满方可继续办理".into(),
            source: "流程规定".into(),
            message: format!("等待期至 {until} 前，最早可于 {until} 继续办理"),
            earliest: Some(until),
        }
    }

    /// The other org of a two-org process (a transfer's receiving side).
    fn receiving_org(&self, _record: &Record) -> Option<i64> {
        None
    }

    /// The user who acts at `ActorRule::Designated` steps (a request's signer).
    fn designated(&self, _record: &Record) -> Option<i64> {
        None
    }

    /// Effects outside the instance (e.g. the person's membership status), in the same
    /// transaction, after the instance moved.
    fn after(
        &self,
        _conn: &mut DbConnection,
        _actor: &Actor,
        _instance: &InstanceRow,
        _step: &StepDef,
        _applied: &Applied,
    ) -> Result<(), ApiError> {
        Ok(())
    }
}

fn parse_date(v: &Value) -> Option<NaiveDate> {
    v.as_str().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn is_count(v: &Value) -> bool {
    v.as_u64().is_some() || v.as_str().is_some_and(|s| s.trim().parse::<u64>().is_ok())
}

/// Reads a step's fields from the request: required, well formed, dates not in the future.
/// Numbers sent as strings become numbers; fields the step does not name are dropped.
pub fn read_fields(fields: &[FieldDef], data: &Record, today: NaiveDate) -> Result<Record, ApiError> {
    let mut errors = Vec::new();
    let mut out = Map::new();
    for f in fields {
        let Some(value) = data.get(f.name).filter(|v| !v.is_null() && v.as_str() != Some("")) else {
            if f.required {
                errors.push(FieldError::new(f.name, "required", format!("请填写{}", f.label)));
            }
            continue;
        };
        let mut value = value.clone();
        let ok = match f.kind {
            FieldKind::Date => match parse_date(&value) {
                Some(d) if d > today && !f.future_ok => {
                    errors.push(FieldError::new(f.name, "in_future", format!("{}不能晚于今天", f.label)));
                    true
                }
                Some(_) => true,
                None => false,
            },
            FieldKind::Dates => value
                .as_array()
                .is_some_and(|a| !a.is_empty() && a.iter().all(|d| parse_date(d).is_some_and(|d| d <= today))),
            FieldKind::Number => {
                let ok = is_count(&value);
                if let Some(n) = value.as_str().and_then(|s| s.trim().parse::<u64>().ok()) {
                    value = Value::from(n);
                }
                ok
            }
            FieldKind::Person | FieldKind::File => value.is_i64(),
            FieldKind::Persons => value.as_array().is_some_and(|a| a.iter().all(Value::is_i64)),
            FieldKind::Text | FieldKind::Choice => {
                value.as_str().is_some_and(|s| !s.trim().is_empty() && s.chars().count() <= 2000)
            }
        };
        if !ok {
            errors.push(FieldError::new(f.name, "invalid", format!("{}格式不正确", f.label)));
        }
        out.insert(f.name.to_string(), value);
    }
    if errors.is_empty() { Ok(out) } else { Err(ApiError::validation(errors)) }
}

/// Deserialises checked fields (or a record) into a typed struct; a mismatch is a 422 naming
/// the field, never a panic.
pub fn typed<T: DeserializeOwned>(data: &Record) -> Result<T, ApiError> {
    serde_json::from_value(Value::Object(data.clone())).map_err(|e| {
        let text = e.to_string();
        let field = text.split('`').nth(1).unwrap_or("").to_string();
        ApiError::field(&field, "invalid", format!("提交的内容不完整或格式不正确：{text}"))
    })
}

/// `value` as a record entry.
pub fn put<T: serde::Serialize>(record: &mut Record, name: &str, value: T) {
    record.insert(name.to_string(), serde_json::to_value(value).unwrap_or(Value::Null));
}
