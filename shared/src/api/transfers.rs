//! Organisation-relationship transfers (组织关系转接) as the API shows them: within the
//! institution, out of it (with the 介绍信), into it (a registered incoming letter), and 流动党员
//! (证明信 or 活动证). Each case is a workflow instance; both sides see it throughout.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PageQuery;
use super::development::FieldSpec;
use super::workflow::{EventView, InstanceStatus, Outcome, StepProgress};
use crate::codes::code_enum;
use crate::rules::RuleViolation;
use crate::{OrgId, PersonId};

code_enum! {
    /// The four kinds of transfer.
    pub enum TransferKind {
        Within = "within" / "系统内转接",
        Out = "out" / "转出本单位",
        In = "in" / "转入本单位",
        Flow = "flow" / "流动党员外出",
    }
}

code_enum! {
    /// Who acts next on an open case (the queues filter on it).
    pub enum Awaiting {
        SendingBranch = "sending_branch" / "待转出党支部审核",
        Committee = "committee" / "待党委审批",
        Receiving = "receiving" / "待接收方接收",
        Receipt = "receipt" / "回执未回",
        Away = "away" / "外出中",
        Nobody = "nobody" / "已办结",
    }
}

code_enum! {
    /// The desk queues.
    pub enum TransferQueue {
        ToApprove = "to_approve" / "待我审批",
        ToReceive = "to_receive" / "待接收",
        ReceiptPending = "receipt_pending" / "回执未回",
    }
}

code_enum! {
    /// What a member away from home carries.
    pub enum FlowDocument {
        Certificate = "certificate" / "党员证明信",
        ActivityCard = "activity_card" / "流动党员活动证",
    }
}

/// `POST /transfers`: starts a case for a member of the caller's reach (a member starts their
/// own, omitting `person_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartTransfer {
    /// `within`, `out` or `flow` (an incoming letter is registered with `POST /transfers/incoming`).
    pub kind: TransferKind,
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// `within`: the receiving branch; `flow`: the host branch when it is in the institution.
    #[serde(default)]
    pub to_org_id: Option<OrgId>,
    /// `out`: the receiving party organisation (as on the letter); `flow`: where the member goes.
    #[serde(default)]
    pub to_unit: Option<String>,
    pub reason: String,
    /// A 涉密 case: recorded, but its letter is handled offline and texts carry no details.
    #[serde(default)]
    pub secret: bool,
    /// `flow` only.
    #[serde(default)]
    pub document: Option<FlowDocument>,
    /// `flow` only: the first day away.
    #[serde(default)]
    pub away_from: Option<NaiveDate>,
    /// `flow` only: the planned last day away.
    #[serde(default)]
    pub away_until: Option<NaiveDate>,
}

/// `POST /transfers/incoming`: an incoming 介绍信 registered by the receiving branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncomingLetter {
    /// The receiving branch (within the caller's reach).
    pub to_org_id: OrgId,
    pub letter_no: String,
    pub issuing_org: String,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// The person as on the letter (身份证号码 and phone are checked as for any member; a person
    /// who left before with the same 身份证号码 is reactivated).
    pub member: super::members::MemberFields,
    /// `2026-11`, the 党费交至 month on the letter.
    #[serde(default)]
    pub dues_paid_through: Option<String>,
    /// 党员档案（入党志愿书等）已核对.
    #[serde(default)]
    pub archive_checked: bool,
    #[serde(default)]
    pub secret: bool,
}

/// `POST /transfers/batches` (整建制转接): every current member of a branch or a party group goes
/// within the institution or out of it on one decision, one letter and a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartBatch {
    /// `within` or `out`
    pub kind: TransferKind,
    /// The branch or party group whose members go.
    pub org_id: OrgId,
    #[serde(default)]
    pub to_org_id: Option<OrgId>,
    #[serde(default)]
    pub to_unit: Option<String>,
    pub reason: String,
    #[serde(default)]
    pub secret: bool,
}

/// `POST /transfers/batches/{batch}/steps/{step}`: the same step for every open case of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchStep {
    #[serde(default)]
    pub data: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    pub decision: Option<super::workflow::Decision>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// Filters of `GET /transfers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct TransferQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TransferKind>,
    /// One of the desk queues (待我审批, 待接收, 回执未回).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<TransferQueue>,
    /// Also finished cases (default: open ones only).
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub include_finished: Option<bool>,
    /// Name of the member, or part of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// The cases of one 整建制 batch.
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<i64>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}

/// A letter issued for a case (the latest first); a re-issued one voids the one before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LetterView {
    pub letter_no: String,
    /// `introduction` 介绍信, `certificate` 证明信, `activity_card` 活动证, `incoming` 登记的来信
    pub kind: String,
    pub kind_label: String,
    pub issuer: String,
    pub addressee: String,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub valid_until_upper: String,
    pub expired: bool,
    /// `2026年11月`, when the member's dues are on record.
    pub dues_paid_through: Option<String>,
    /// Why it was voided (re-issued).
    pub void_reason: Option<String>,
    /// The public check its QR code opens (`/verify/…`), for letters the platform issued.
    pub verify_path: Option<String>,
}

/// One case as its viewer may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferView {
    pub id: i64,
    pub kind: TransferKind,
    pub kind_label: String,
    pub person_id: PersonId,
    pub person_name: String,
    pub from_org_id: Option<OrgId>,
    pub from_org_name: Option<String>,
    pub to_org_id: Option<OrgId>,
    pub to_org_name: Option<String>,
    /// The outside party organisation (receiving, for `out`; issuing, for `in`; the place, for `flow`).
    pub external_org: Option<String>,
    pub reason: String,
    /// 整建制转接: the batch (its first case) this case belongs to.
    pub batch_id: Option<i64>,
    pub secret: bool,
    pub awaiting: Awaiting,
    pub awaiting_label: String,
    pub status: InstanceStatus,
    pub outcome: Option<Outcome>,
    pub step: i32,
    pub step_name: String,
    pub started_on: NaiveDate,
    pub finished_on: Option<NaiveDate>,
    /// The due date of the current step (letter expiry, 回执, end of 外出).
    pub due_on: Option<NaiveDate>,
    pub version: i32,
    /// Whether the caller may do the current step.
    pub can_act: bool,
    /// Rules that warn about this case (自行脱党 warning, letter expired, 回执 overdue, 预备期届满).
    pub warnings: Vec<RuleViolation>,
}

/// `GET /transfers/{id}`: the case with its letters, timeline, history and the form of the
/// current step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferDetail {
    pub transfer: TransferView,
    pub letters: Vec<LetterView>,
    pub timeline: Vec<StepProgress>,
    pub history: Vec<EventView>,
    /// The fields of the current step, when the caller may do it.
    pub fields: Vec<FieldSpec>,
    pub may_reject: bool,
    /// Whether the letter can be downloaded (issued, not 涉密).
    pub letter_pdf: bool,
    /// The record (internal fields hidden from the member).
    pub record: serde_json::Value,
}

/// `GET /api/v1/public/letters/{token}`: what the QR code on a letter shows anyone who scans it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LetterCheck {
    pub letter_no: String,
    pub kind_label: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// `valid`, `expired` or `void`
    pub state: String,
    pub state_label: String,
}
