//! The generic use cases of every process: start, and act (permission, optimistic version,
//! state, waiting period, input, rules, transition, event, audit, waking dependants), all in
//! the caller's transaction.

use chrono::NaiveDate;
use serde_json::Value;
use shared::api::workflow::{Decision, EventAction, InstanceStatus, Outcome};

pub use super::access::{Scope, can_act, matches_rule, may_act, may_view, subject_view};
use super::models::{InstanceRow, InstanceState};
use super::process::{ActorRule, Applied, Process, Record, StepCtx, StepDef, Transition, read_fields};
use super::repo::{self, NewEvent};
pub use super::view::{history, timeline, visible_record};
use crate::audit;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;

/// The step number an instance has when it is finished.
pub fn done_step<P: Process + ?Sized>(p: &P) -> i32 {
    p.steps().iter().map(|s| s.number).max().unwrap_or(0) + 1
}

fn state_after<P: Process + ?Sized>(p: &P, applied: Applied) -> InstanceState {
    let done = done_step(p);
    let record = applied.record;
    let open = |step: i32, record: Record| {
        let (due_on, ready_on) = p.deadlines(step, &record);
        InstanceState {
            step,
            status: InstanceStatus::Active,
            outcome: None,
            record,
            due_on,
            ready_on,
            waiting_for: None,
        }
    };
    let closed = |status, outcome, record| InstanceState {
        step: done,
        status,
        outcome: Some(outcome),
        record,
        due_on: None,
        ready_on: None,
        waiting_for: None,
    };
    match applied.transition {
        Transition::Advance(n) | Transition::Return(n) => open(n, record),
        Transition::Reject => closed(InstanceStatus::Ended, Outcome::Rejected, record),
        Transition::Complete(o) => closed(InstanceStatus::Completed, o, record),
        Transition::End(o) => closed(InstanceStatus::Ended, o, record),
        Transition::WaitUntil { until, back_to, outcome } => InstanceState {
            step: back_to,
            status: InstanceStatus::Waiting,
            outcome,
            record,
            due_on: None,
            ready_on: Some(until),
            waiting_for: None,
        },
        Transition::WaitFor { instance, then } => InstanceState {
            step: then,
            status: InstanceStatus::Waiting,
            outcome: None,
            record,
            due_on: None,
            ready_on: None,
            waiting_for: Some(instance),
        },
    }
}

fn actor_name(conn: &mut DbConnection, actor: &Actor) -> Result<String, ApiError> {
    Ok(crate::auth::repo::user_by_id(conn, actor.user_id.0)?.display_name)
}

/// A new instance for `subject` in `org_id` whose first step (`first`) is done by creating it:
/// the event records `record`, the instance goes where `transition` says.
pub struct NewInstance<'a> {
    pub subject: i64,
    pub org_id: i64,
    pub first: &'a StepDef,
    pub record: Record,
    pub transition: Transition,
}

pub fn start<P: Process + ?Sized>(
    conn: &mut DbConnection,
    p: &P,
    actor: &Actor,
    new: NewInstance,
) -> Result<i64, ApiError> {
    let NewInstance { subject, org_id, first, record, transition } = new;
    let state = state_after(p, Applied::to(transition, record.clone()));
    let id = repo::create(conn, p.name(), subject, org_id, &state)?;
    let name = actor_name(conn, actor)?;
    let data = Value::Object(record);
    repo::record_event(
        conn,
        &NewEvent {
            instance_id: id,
            step: first.number,
            action: EventAction::Submit,
            actor: Some(actor),
            actor_name: Some(&name),
            comment: None,
            data: &data,
        },
    )?;
    audit::record(
        conn,
        Some(actor),
        &format!("{}_start", p.name()),
        "workflow_instance",
        id,
        None::<&()>,
        Some(&data),
    )?;
    Ok(id)
}

/// One act on an instance, as the request carries it.
pub struct ActRequest<'a> {
    pub version: i32,
    pub data: &'a Record,
    pub decision: Option<Decision>,
    pub comment: Option<&'a str>,
}

#[derive(Debug)]
pub struct Acted {
    pub instance: InstanceRow,
    pub warnings: Vec<String>,
}

fn comment_fits(comment: Option<&str>) -> Result<(), ApiError> {
    let max = shared::limits::COMMENT_MAX_CHARS;
    if comment.is_some_and(|c| shared::limits::too_long(c, max)) {
        return Err(ApiError::field("comment", "too_long", format!("意见不能超过{max}个字")));
    }
    Ok(())
}

fn comment_required(comment: Option<&str>, what: &str) -> Result<(), ApiError> {
    if comment.unwrap_or("").trim().is_empty() {
        return Err(ApiError::field("comment", "required", format!("{what}时请填写意见")));
    }
    Ok(())
}

/// Does step `number` of instance `id`: 403 when the actor may not, 409 when someone else acted
/// first or another step is due, 422 when the input or a rule is wrong (with the earliest date).
pub fn act<P: Process + ?Sized>(
    conn: &mut DbConnection,
    p: &P,
    actor: &Actor,
    today: NaiveDate,
    id: i64,
    number: i32,
    req: &ActRequest,
) -> Result<Acted, ApiError> {
    comment_fits(req.comment)?;
    let row = repo::get(conn, id)?;
    if row.process != p.name() {
        return Err(ApiError::not_found("流程"));
    }
    let scope = Scope::load(conn, p, &row)?;
    if !may_view(actor, &row, &scope) {
        return Err(actor.denial());
    }
    let step = p.step(number).ok_or_else(|| ApiError::not_found("步骤"))?;
    if !may_act(actor, p.action(), step, row.subject_person_id, &scope) {
        return Err(ApiError::forbidden(format!("“{}”应由{}办理", step.name, who_label(step.actors))));
    }
    if row.version != req.version {
        return Err(ApiError::version_conflict());
    }
    let status = row.status();
    if !status.is_open() || row.step != number {
        let due = p.step(row.step).map_or("已办结", |s| s.name);
        return Err(ApiError::invalid_state(format!("当前应办理第 {} 步“{due}”", row.step)));
    }
    if status == InstanceStatus::Waiting {
        if row.waiting_for.is_some() {
            return Err(ApiError::invalid_state("正在等待相关流程办结，暂不能办理"));
        }
        if let Some(until) = row.ready_on.filter(|d| *d > today) {
            return Err(ApiError::rule(p.wait_violation(&row.record(), until)));
        }
    }
    let record = row.record();
    let (applied, input) = match req.decision {
        Some(Decision::Return) => {
            let to = step.return_to.ok_or_else(|| ApiError::field("decision", "not_allowed", "该环节不能退回"))?;
            comment_required(req.comment, "退回")?;
            (Applied::to(Transition::Return(to), record), Record::new())
        }
        Some(Decision::Reject) => {
            if !step.may_reject {
                return Err(ApiError::field("decision", "not_allowed", "该环节不能作出不予通过的决定"));
            }
            comment_required(req.comment, "不予通过")?;
            (Applied::to(Transition::Reject, record), Record::new())
        }
        None | Some(Decision::Approve) => {
            let input = read_fields(step.fields, req.data, today)?;
            let ctx = StepCtx { today, actor, instance: &row, record: &record, input: &input };
            (p.apply(conn, &ctx, step)?, input)
        }
    };
    let action = applied.action.unwrap_or(match applied.transition {
        Transition::Return(_) => EventAction::Return,
        Transition::Reject => EventAction::Reject,
        Transition::WaitFor { .. } => EventAction::Wait,
        _ => step.action,
    });
    let finished = matches!(applied.transition, Transition::Reject | Transition::Complete(_) | Transition::End(_));
    let state = state_after(p, applied.clone());
    repo::advance(conn, id, req.version, &state)?;
    let name = actor_name(conn, actor)?;
    let mut data = Value::Object(input);
    if !applied.warnings.is_empty() {
        data["warnings"] = serde_json::json!(applied.warnings);
    }
    repo::record_event(
        conn,
        &NewEvent {
            instance_id: id,
            step: number,
            action,
            actor: Some(actor),
            actor_name: Some(&name),
            comment: req.comment,
            data: &data,
        },
    )?;
    let after = repo::get(conn, id)?;
    p.after(conn, actor, &after, step, &applied)?;
    audit::record(
        conn,
        Some(actor),
        &format!("step_{number}_{}", action.code()),
        "workflow_instance",
        id,
        None::<&()>,
        Some(&serde_json::json!({"data": req.data, "comment": req.comment})),
    )?;
    if finished {
        wake_dependants(conn, id)?;
    }
    Ok(Acted { instance: after, warnings: applied.warnings })
}

/// Instances that waited for `finished` go on at their step.
fn wake_dependants(conn: &mut DbConnection, finished: i64) -> Result<(), ApiError> {
    for w in repo::waiting_for(conn, finished)? {
        let record = w.record();
        // The waiting instance may be of another process; its deadlines are set when next acted on.
        let state = InstanceState {
            step: w.step,
            status: InstanceStatus::Active,
            outcome: None,
            record,
            due_on: None,
            ready_on: None,
            waiting_for: None,
        };
        repo::advance(conn, w.id, w.version, &state)?;
        repo::record_event(
            conn,
            &NewEvent {
                instance_id: w.id,
                step: w.step,
                action: EventAction::Resume,
                actor: None,
                actor_name: None,
                comment: None,
                data: &serde_json::json!({"after": finished}),
            },
        )?;
    }
    Ok(())
}

fn who_label(rules: &[ActorRule]) -> String {
    rules
        .iter()
        .map(|r| match r {
            ActorRule::Subject => "本人",
            ActorRule::SubjectBranch => "所在党支部",
            ActorRule::SubjectCommittee => "上级党委",
            ActorRule::Department => "政工部门",
            ActorRule::ReceivingOrg => "接收方党组织",
            ActorRule::OwnOrg => "本级党组织",
            ActorRule::Designated => "指定的签发人",
        })
        .collect::<Vec<_>>()
        .join("或")
}

/// Ends the subject's open instances of process `p` without its goal (e.g. a development case
/// when the person's relationship leaves the institution), each with an event saying why.
pub fn end_open<P: Process + ?Sized>(
    conn: &mut DbConnection,
    p: &P,
    subject: i64,
    outcome: Outcome,
    reason: &str,
) -> Result<usize, ApiError> {
    let filter = repo::ListFilter { subject: Some(subject), open_only: true, ..Default::default() };
    let rows = repo::list(conn, p.name(), &filter, None, 100)?;
    for row in &rows {
        let state = state_after(p, Applied::to(Transition::End(outcome), row.record()));
        repo::advance(conn, row.id, row.version, &state)?;
        let data = serde_json::json!({});
        let event = NewEvent {
            instance_id: row.id,
            step: row.step,
            action: EventAction::Complete,
            actor: None,
            actor_name: None,
            comment: Some(reason),
            data: &data,
        };
        repo::record_event(conn, &event)?;
    }
    Ok(rows.len())
}

/// Puts open instance `id` on hold until instance `on` finishes; it then goes on at the step it
/// is at now (e.g. a case that needs the upper org's 批复 of a request first).
pub fn hold_for(conn: &mut DbConnection, id: i64, on: i64) -> Result<(), ApiError> {
    let row = repo::get(conn, id)?;
    if !row.status().is_open() || row.waiting_for.is_some() {
        return Err(ApiError::invalid_state("该流程已办结或正在等待，不能再关联请示"));
    }
    let state = InstanceState {
        step: row.step,
        status: InstanceStatus::Waiting,
        outcome: None,
        record: row.record(),
        due_on: None,
        ready_on: None,
        waiting_for: Some(on),
    };
    repo::advance(conn, id, row.version, &state)?;
    repo::record_event(
        conn,
        &NewEvent {
            instance_id: id,
            step: row.step,
            action: EventAction::Wait,
            actor: None,
            actor_name: None,
            comment: Some("等待请示批复"),
            data: &serde_json::json!({"waiting_for": on}),
        },
    )?;
    Ok(())
}
