//! The vocabulary of the workflow engine, shared by every process (member development first).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::RoleKind;

/// Where an instance stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InstanceStatus {
    Active,
    /// Waiting until `ready_on` (e.g. six months after a failed branch vote) or for another instance.
    Waiting,
    Completed,
    /// Ended without the process's goal (not passed, 取消预备党员资格, rejected).
    Ended,
}

impl InstanceStatus {
    pub const ALL: [InstanceStatus; 4] =
        [InstanceStatus::Active, InstanceStatus::Waiting, InstanceStatus::Completed, InstanceStatus::Ended];

    pub fn code(self) -> &'static str {
        match self {
            InstanceStatus::Active => "active",
            InstanceStatus::Waiting => "waiting",
            InstanceStatus::Completed => "completed",
            InstanceStatus::Ended => "ended",
        }
    }

    pub fn from_code(code: &str) -> Option<InstanceStatus> {
        InstanceStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Still open: someone may still act on it (now or after the wait).
    pub fn is_open(self) -> bool {
        matches!(self, InstanceStatus::Active | InstanceStatus::Waiting)
    }

    pub fn label(self) -> &'static str {
        match self {
            InstanceStatus::Active => "办理中",
            InstanceStatus::Waiting => "等待中",
            InstanceStatus::Completed => "已完成",
            InstanceStatus::Ended => "已终止",
        }
    }
}

/// How an instance finished (or, while waiting, what the last decisive step found).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    FullMember,
    FullMemberAfterExtension,
    /// The branch general meeting did not pass the candidate.
    NotPassed,
    ProbationCancelled,
    /// Rejected at a step by whoever may act there.
    Rejected,
    /// A generic success for processes without a more specific outcome.
    Done,
    /// Closed because the person's relationship left the institution.
    TransferredOut,
}

impl Outcome {
    pub const ALL: [Outcome; 7] = [
        Outcome::FullMember,
        Outcome::FullMemberAfterExtension,
        Outcome::NotPassed,
        Outcome::ProbationCancelled,
        Outcome::Rejected,
        Outcome::Done,
        Outcome::TransferredOut,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::FullMember => "full_member",
            Outcome::FullMemberAfterExtension => "full_member_after_extension",
            Outcome::NotPassed => "not_passed",
            Outcome::ProbationCancelled => "probation_cancelled",
            Outcome::Rejected => "rejected",
            Outcome::Done => "done",
            Outcome::TransferredOut => "transferred_out",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::FullMember => "按期转正",
            Outcome::FullMemberAfterExtension => "延长预备期后转正",
            Outcome::NotPassed => "支部大会未通过",
            Outcome::ProbationCancelled => "取消预备党员资格",
            Outcome::Rejected => "不予通过",
            Outcome::Done => "已办结",
            Outcome::TransferredOut => "随组织关系转出",
        }
    }
}

/// A step on an instance's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    Current,
    /// The current step, which may only be done after a waiting period.
    Waiting,
    Pending,
}

/// What a step input field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// `YYYY-MM-DD`, not in the future unless the field says so.
    Date,
    /// A list of dates.
    Dates,
    Text,
    /// A whole number ≥ 0.
    Number,
    /// One of the values named in the field's label.
    Choice,
    /// One person id.
    Person,
    /// A list of person ids.
    Persons,
    /// An attachment id.
    File,
}

/// What happened in one history entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventAction {
    Submit,
    Complete,
    File,
    Approve,
    Vote,
    /// Sent back to an earlier step.
    Return,
    Reject,
    /// Put on hold until a date or another instance.
    Wait,
    /// Taken up again after waiting for another instance.
    Resume,
}

impl EventAction {
    pub const ALL: [EventAction; 9] = [
        EventAction::Submit,
        EventAction::Complete,
        EventAction::File,
        EventAction::Approve,
        EventAction::Vote,
        EventAction::Return,
        EventAction::Reject,
        EventAction::Wait,
        EventAction::Resume,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventAction::Submit => "submit",
            EventAction::Complete => "complete",
            EventAction::File => "file",
            EventAction::Approve => "approve",
            EventAction::Vote => "vote",
            EventAction::Return => "return",
            EventAction::Reject => "reject",
            EventAction::Wait => "wait",
            EventAction::Resume => "resume",
        }
    }

    pub fn from_code(code: &str) -> Option<EventAction> {
        EventAction::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            EventAction::Submit => "递交",
            EventAction::Complete => "办理",
            EventAction::File => "备案",
            EventAction::Approve => "审批",
            EventAction::Vote => "表决",
            EventAction::Return => "退回",
            EventAction::Reject => "不予通过",
            EventAction::Wait => "等待",
            EventAction::Resume => "恢复办理",
        }
    }
}

/// What the person acting asks for at a step: do it (the default), send it back, or reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Return,
    Reject,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    pub step: i32,
    pub step_name: String,
    pub action: EventAction,
    pub actor_name: Option<String>,
    pub actor_role: Option<RoleKind>,
    pub at: DateTime<Utc>,
    pub comment: Option<String>,
    pub data: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepProgress {
    pub number: i32,
    pub stage: i32,
    pub name: String,
    pub state: StepState,
    pub done_on: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_wire_names() {
        for s in InstanceStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
            assert_eq!(InstanceStatus::from_code(s.code()), Some(s));
        }
        for o in Outcome::ALL {
            assert_eq!(serde_json::to_value(o).unwrap(), o.code());
        }
        for a in EventAction::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.code());
            assert_eq!(EventAction::from_code(a.code()), Some(a));
        }
    }
}
