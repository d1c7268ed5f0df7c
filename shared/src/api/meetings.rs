//! Organisational life: meetings, attendance, records, compliance.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::rules::meetings::MeetingKind;
use crate::{OrgId, PersonId};

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
    pub id: i64,
    pub org_id: OrgId,
    pub org_name: String,
    pub kind: MeetingKind,
    pub topic: String,
    /// Beijing time (UTC+8) without an offset, e.g. `2026-03-05T14:30:00`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?$"))]
    pub starts_at: NaiveDateTime,
    /// planned, signed (locked), cancelled
    pub status: String,
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
    /// pending, confirmed, leave_requested, leave_approved, leave_rejected
    pub response: String,
    pub leave_reason: Option<String>,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// qr or host
    pub check_in_method: Option<String>,
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
    pub field: String,
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
pub struct MeetingPage {
    pub items: Vec<MeetingSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RespondRequest {
    /// confirm or leave
    pub response: String,
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
    /// minutes, decisions, lecturer or topic
    pub field: String,
    pub value: String,
    pub reason: String,
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
    pub response: String,
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
    pub id: i64,
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
