//! Member development: the pipeline, cases and their steps, the branch meeting, the calendar.

use gloo_net::http::Request;
use shared::api::development::{
    ApplicationRequest, CandidateResult, InstanceDetail, InstanceListQuery, InstancePage, MeetingRequest,
    PipelineSummary, StepRequest,
};

use super::client::{ApiError, send, url, url_with, with_json};

pub async fn summary() -> Result<PipelineSummary, ApiError> {
    send(Request::get(&url("/development/summary")).build()).await
}

pub async fn instances(query: &InstanceListQuery) -> Result<InstancePage, ApiError> {
    send(Request::get(&url_with("/development/instances", query)).build()).await
}

pub async fn instance(id: i64) -> Result<InstanceDetail, ApiError> {
    send(Request::get(&url(&format!("/development/instances/{id}"))).build()).await
}

pub async fn apply(body: &ApplicationRequest) -> Result<InstanceDetail, ApiError> {
    send(with_json(Request::post(&url("/development/applications")), body)).await
}

pub async fn act(id: i64, step: i32, body: &StepRequest) -> Result<InstanceDetail, ApiError> {
    send(with_json(Request::post(&url(&format!("/development/instances/{id}/steps/{step}"))), body)).await
}

pub async fn meeting(body: &MeetingRequest) -> Result<Vec<CandidateResult>, ApiError> {
    send(with_json(Request::post(&url("/development/meetings")), body)).await
}

pub mod calendar {
    //! The working-day calendar used for 公示 periods.
    use gloo_net::http::Request;
    use shared::api::development::{CalendarEdit, RulesView};

    use super::super::client::{ApiError, send, url, with_json};

    pub async fn get() -> Result<RulesView, ApiError> {
        send(Request::get(&url("/development/rules")).build()).await
    }

    pub async fn edit(edit: &CalendarEdit) -> Result<RulesView, ApiError> {
        send(with_json(Request::post(&url("/development/calendar")), edit)).await
    }
}
