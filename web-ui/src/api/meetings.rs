//! Organisational life: meetings, attendance, the record, reports, attachments and ratings.

use gloo_net::http::Request;
use shared::MeetingId;
use shared::api::Page;
use shared::api::meetings::*;

use super::client::{ApiError, send, url, url_with, with_json};

pub async fn list(query: &MeetingListQuery) -> Result<Page<MeetingSummary>, ApiError> {
    send(Request::get(&url_with("/meetings", query)).build()).await
}

pub async fn get(id: MeetingId) -> Result<MeetingView, ApiError> {
    send(Request::get(&url(&format!("/meetings/{id}"))).build()).await
}

pub async fn mine() -> Result<MyAttendance, ApiError> {
    send(Request::get(&url("/meetings/mine")).build()).await
}

pub async fn plan(body: &PlanMeetingRequest) -> Result<MeetingView, ApiError> {
    send(with_json(Request::post(&url("/meetings")), body)).await
}

/// Something done to a meeting, each with its typed request.
#[derive(Debug, Clone, PartialEq)]
pub enum MeetingAction {
    Respond(RespondRequest),
    DecideLeave(LeaveDecision),
    CheckIn(CheckinRequest),
    Mark(MarkAttendanceRequest),
    Sign(SignRequest),
    Amend(AmendRequest),
}

pub async fn act(id: MeetingId, action: &MeetingAction) -> Result<MeetingView, ApiError> {
    let post = |what: &str| Request::post(&url(&format!("/meetings/{id}/{what}")));
    send(match action {
        MeetingAction::Respond(body) => with_json(post("respond"), body),
        MeetingAction::DecideLeave(body) => with_json(post("leave-decisions"), body),
        MeetingAction::CheckIn(body) => with_json(post("checkin"), body),
        MeetingAction::Mark(body) => with_json(post("attendance"), body),
        MeetingAction::Sign(body) => with_json(post("sign"), body),
        MeetingAction::Amend(body) => with_json(post("amendments"), body),
    })
    .await
}

pub async fn record(id: MeetingId, body: &RecordRequest) -> Result<MeetingView, ApiError> {
    send(with_json(Request::put(&url(&format!("/meetings/{id}/record"))), body)).await
}

pub async fn checkin_code(id: MeetingId) -> Result<CheckinCode, ApiError> {
    send(Request::get(&url(&format!("/meetings/{id}/checkin-code"))).build()).await
}

pub async fn compliance(period: &str) -> Result<ComplianceReport, ApiError> {
    send(Request::get(&url("/meetings/compliance")).query([("period", period)]).build()).await
}

pub async fn member_attendance(period: &str) -> Result<Vec<shared::api::meetings::MemberAttendanceRow>, ApiError> {
    send(Request::get(&url("/meetings/member-attendance")).query([("period", period)]).build()).await
}

pub mod extras {
    //! Attachments and 民主评议 of a meeting.
    use gloo_net::http::Request;
    use shared::api::meetings::{AttachmentView, RatingReport, RatingRequest, SelfAssessmentRequest};

    use super::super::client::{ApiError, send, url, with_json};

    pub async fn attachments(id: i64) -> Result<Vec<AttachmentView>, ApiError> {
        send(Request::get(&url(&format!("/meetings/{id}/attachments"))).build()).await
    }

    pub async fn upload(id: i64, file: web_sys::File) -> Result<AttachmentView, ApiError> {
        let name = file.name();
        let request = Request::post(&url(&format!("/meetings/{id}/attachments")))
            .query([("file_name", name.as_str())])
            .header("content-type", "application/octet-stream")
            .body(wasm_bindgen::JsValue::from(file));
        send(request).await
    }

    pub async fn ratings(id: i64) -> Result<RatingReport, ApiError> {
        send(Request::get(&url(&format!("/meetings/{id}/ratings"))).build()).await
    }

    pub async fn self_assess(id: i64, text: &str) -> Result<RatingReport, ApiError> {
        send(with_json(
            Request::post(&url(&format!("/meetings/{id}/self-assessment"))),
            &SelfAssessmentRequest { text: text.into() },
        ))
        .await
    }

    pub async fn rate(id: i64, body: &RatingRequest) -> Result<RatingReport, ApiError> {
        send(with_json(Request::post(&url(&format!("/meetings/{id}/ratings"))), body)).await
    }
}
