//! An instance as a viewer may see it: the timeline, the history and the record, with the
//! internal fields and comments hidden from the subject.

use serde_json::Value;
use shared::RoleKind;
use shared::api::workflow::{EventAction, EventView, InstanceStatus, StepProgress, StepState};

use super::models::{EventRow, InstanceRow};
use super::process::{Process, Record, Visibility};

/// Names of the fields the subject may not see, over all steps of a process.
fn internal_fields<P: Process + ?Sized>(p: &P) -> Vec<&'static str> {
    p.steps()
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| f.visibility == Visibility::Officials)
        .map(|f| f.name)
        .collect()
}

/// The record as the viewer may see it.
pub fn visible_record<P: Process + ?Sized>(p: &P, record: &Record, subject_view: bool) -> Record {
    let mut record = record.clone();
    if subject_view {
        for name in internal_fields(p) {
            record.remove(name);
        }
    }
    record
}

/// The timeline: each step done, current (or waiting), or pending.
pub fn timeline<P: Process + ?Sized>(p: &P, row: &InstanceRow, events: &[EventRow]) -> Vec<StepProgress> {
    let finished = !row.status().is_open();
    // Events are stored in UTC; a step is done on its date in China.
    let done_on = |n: i32| {
        let event = events.iter().rev().find(|e| e.step == n && e.action() != EventAction::Return);
        event.map(|e| shared::time::china_date(e.at.and_utc()))
    };
    p.steps()
        .iter()
        .map(|s| {
            let state = if finished || s.number < row.step {
                StepState::Done
            } else if s.number == row.step {
                if row.status() == InstanceStatus::Waiting { StepState::Waiting } else { StepState::Current }
            } else {
                StepState::Pending
            };
            StepProgress {
                number: s.number,
                stage: s.stage,
                name: s.name.into(),
                state,
                done_on: if state == StepState::Done { done_on(s.number) } else { None },
            }
        })
        .collect()
}

/// The history as the viewer may see it: the subject does not see internal fields, nor the
/// comments of internal steps.
pub fn history<P: Process + ?Sized>(p: &P, events: &[EventRow], subject_view: bool) -> Vec<EventView> {
    let hidden = internal_fields(p);
    events
        .iter()
        .map(|e| {
            let step = p.step(e.step);
            let mut data: Value = serde_json::from_str(&e.data_json).unwrap_or(Value::Null);
            let mut comment = e.comment.clone();
            if subject_view {
                if let Some(map) = data.as_object_mut() {
                    map.retain(|k, _| !hidden.contains(&k.as_str()));
                }
                if step.is_none_or(|s| s.comments == Visibility::Officials) {
                    comment = None;
                }
            }
            EventView {
                step: e.step,
                step_name: step.map_or("已完成", |s| s.name).into(),
                action: e.action(),
                actor_name: e.actor_name.clone(),
                actor_role: e.actor_role_kind.as_deref().and_then(RoleKind::from_code),
                at: e.at.and_utc(),
                comment,
                data,
            }
        })
        .collect()
}
