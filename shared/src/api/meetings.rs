//! Organisational life: meetings, attendance, records, compliance.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use crate::codes::code_enum;
use crate::rules::meetings::MeetingKind;
use crate::{AttachmentId, MeetingId, OrgId, PersonId};

code_enum! {
    /// A meeting's life: planned until the record is signed (then locked), or cancelled.
    pub enum MeetingStatus {
        Planned = "planned" / "待召开",
        Signed = "signed" / "已签字",
        Cancelled = "cancelled" / "已取消",
    }
}

code_enum! {
    /// An attendee's answer to the notice.
    pub enum AttendanceResponse {
        Pending = "pending" / "未回复",
        Confirmed = "confirmed" / "已确认参加",
        LeaveRequested = "leave_requested" / "请假待审批",
        LeaveApproved = "leave_approved" / "已准假",
        LeaveRejected = "leave_rejected" / "请假未批准",
    }
}

code_enum! {
    pub enum CheckInMethod {
        Qr = "qr" / "扫码签到",
        Host = "host" / "主持人登记",
    }
}

code_enum! {
    /// What an attendee answers to a meeting notice.
    pub enum Rsvp {
        Confirm = "confirm" / "确认参加",
        Leave = "leave" / "请假",
    }
}

code_enum! {
    /// The parts of a signed record that an amendment may correct.
    pub enum AmendField {
        Minutes = "minutes" / "会议记录",
        Decisions = "decisions" / "会议决定",
        Lecturer = "lecturer" / "主讲人",
        Topic = "topic" / "会议主题",
    }
}

/// Filters of `GET /meetings`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct MeetingListQuery {
    /// Default: the caller's org.
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub org_id: Option<OrgId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MeetingKind>,
    /// Held on or after this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Held on or before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}

/// Who is expected at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "scope")]
pub enum Attendees {
    /// Every current member of the branch (正式 and 预备).
    Branch,
    /// The branch committee (holders of a 党支部 role on the branch).
    Committee,
    /// The members of one 党小组.
    PartyGroup {
        party_group_id: OrgId,
    },
    People {
        person_ids: Vec<PersonId>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanMeetingRequest {
    pub org_id: OrgId,
    pub kind: MeetingKind,
    pub topic: String,
    /// Beijing time (UTC+8) without an offset, e.g. `2026-03-05T14:30:00`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?$"))]
    pub starts_at: NaiveDateTime,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub online: bool,
    #[serde(default)]
    pub host_person_id: Option<PersonId>,
    #[serde(default)]
    pub recorder_person_id: Option<PersonId>,
    #[serde(default)]
    pub agenda: Option<String>,
    pub attendees: Attendees,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub org_id: OrgId,
    pub org_name: String,
    pub kind: MeetingKind,
    pub topic: String,
    /// Beijing time (UTC+8) without an offset, e.g. `2026-03-05T14:30:00`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?$"))]
    pub starts_at: NaiveDateTime,
    pub status: MeetingStatus,
    pub expected: i64,
    pub present: i64,
    pub on_leave: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendeeView {
    pub person_id: PersonId,
    pub name: String,
    pub voting: bool,
    pub response: AttendanceResponse,
    pub leave_reason: Option<String>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub check_in_method: Option<CheckInMethod>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuorumView {
    pub entitled: i64,
    pub present: i64,
    pub reached: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AmendmentView {
    pub field: AmendField,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: String,
    pub amended_by: Option<String>,
    pub amended_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingView {
    pub summary: MeetingSummary,
    pub place: Option<String>,
    pub online: bool,
    pub host_person_id: Option<PersonId>,
    pub recorder_person_id: Option<PersonId>,
    pub agenda: Option<String>,
    pub minutes: Option<String>,
    pub decisions: Option<String>,
    pub lecturer: Option<String>,
    /// All attendees for those who run the meeting; only oneself for an attendee.
    pub attendees: Vec<AttendeeView>,
    pub quorum: Option<QuorumView>,
    pub amendments: Vec<AmendmentView>,
    pub signed_at: Option<DateTime<Utc>>,
    pub version: i32,
    /// Whether the caller runs this meeting (secretary, host, recorder).
    pub can_manage: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RespondRequest {
    pub response: Rsvp,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaveDecision {
    pub person_id: PersonId,
    pub approve: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinCode {
    pub code: String,
    /// The link the QR code opens on a phone.
    pub url: String,
    pub expires_at: DateTime<Utc>,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinRequest {
    pub code: String,
}

/// The secretary's signature on the record, made on `version`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignRequest {
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkAttendanceRequest {
    pub person_id: PersonId,
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordRequest {
    pub version: i32,
    #[serde(default)]
    pub minutes: Option<String>,
    #[serde(default)]
    pub decisions: Option<String>,
    #[serde(default)]
    pub lecturer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AmendRequest {
    pub field: AmendField,
    pub value: String,
    pub reason: String,
    /// The version the correction was made on; a newer record answers 409 `version_conflict`.
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingMeeting {
    pub kind: MeetingKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplianceRow {
    pub org_id: OrgId,
    pub org_name: String,
    pub required: i64,
    pub held: i64,
    pub missing: Vec<MissingMeeting>,
    /// Share of expected attendances that were present, 0–1 (none when no meeting was held).
    pub attendance_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplianceReport {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Most behind first.
    pub rows: Vec<ComplianceRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyAttendanceRow {
    pub meeting: MeetingSummary,
    pub response: AttendanceResponse,
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyAttendance {
    pub rows: Vec<MyAttendanceRow>,
    pub attended: i64,
    pub expected: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentView {
    pub id: AttachmentId,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Download path.
    pub url: String,
}

/// 民主评议 ratings (domain.md §2): 优秀, 合格, 基本合格, 不合格.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Excellent,
    Qualified,
    Basic,
    Unqualified,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Excellent, Rating::Qualified, Rating::Basic, Rating::Unqualified];

    pub fn code(self) -> &'static str {
        match self {
            Rating::Excellent => "excellent",
            Rating::Qualified => "qualified",
            Rating::Basic => "basic",
            Rating::Unqualified => "unqualified",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::Excellent => "优秀",
            Rating::Qualified => "合格",
            Rating::Basic => "基本合格",
            Rating::Unqualified => "不合格",
        }
    }

    pub fn from_code(code: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfAssessmentRequest {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingRequest {
    pub person_id: PersonId,
    /// Peer assessment counts (民主测评票数).
    pub peer_excellent: u32,
    pub peer_qualified: u32,
    pub peer_basic: u32,
    pub peer_unqualified: u32,
    /// The committee's rating (评定意见).
    pub committee_rating: Rating,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingRow {
    pub person_id: PersonId,
    pub name: String,
    pub self_assessment: Option<String>,
    pub peer: [u32; 4],
    pub committee_rating: Option<Rating>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingReport {
    pub rows: Vec<RatingRow>,
    /// People per committee rating: 优秀, 合格, 基本合格, 不合格, not yet rated.
    pub counts: [i64; 5],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberAttendanceRow {
    pub person_id: PersonId,
    pub name: String,
    /// Meetings held in the period that the member was expected at (approved leave excluded).
    pub expected: i64,
    pub attended: i64,
    pub on_leave: i64,
}
