//! One generic request function and one small function per endpoint. The session travels in
//! the HttpOnly cookie the server sets at login; this code never sees the token.

use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::RoleAssignmentId;
use shared::api::Page;
use shared::api::auth::{LoginRequest, LoginResponse, Me, SwitchRoleRequest};
use shared::api::members::{MemberListQuery, MemberSummary, MemberView, UpdateMemberRequest};
use shared::api::orgs::{OrgChildren, OrgSearchHit, OrgView};
use shared::error::{ErrorBody, ErrorCode, FieldError};

const BASE: &str = "/api/v1";

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub body: ErrorBody,
}

impl ApiError {
    fn network() -> ApiError {
        ApiError {
            status: 0,
            body: ErrorBody {
                code: ErrorCode::Internal,
                message: crate::i18n::stored().network_error.into(),
                details: None,
            },
        }
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401 && self.body.code == ErrorCode::Unauthenticated
    }

    pub fn fields(&self) -> Vec<FieldError> {
        self.body.details.as_ref().map(|d| d.fields.clone()).unwrap_or_default()
    }
}

async fn send<T: DeserializeOwned>(request: Result<Request, gloo_net::Error>) -> Result<T, ApiError> {
    let request = request.map_err(|_| ApiError::network())?;
    let response = request.send().await.map_err(|_| ApiError::network())?;
    let status = response.status();
    if (200..300).contains(&status) {
        if status == 204 {
            return serde_json::from_str("null").map_err(|_| ApiError::network());
        }
        return response.json::<T>().await.map_err(|_| ApiError::network());
    }
    let body = response.json::<ErrorBody>().await.unwrap_or_else(|_| ErrorBody {
        code: ErrorCode::Internal,
        message: format!("HTTP {status}"),
        details: None,
    });
    Err(ApiError { status, body })
}

/// A promise `index.html` started before the app loaded (web-ui/shell/boot.js): the global
/// `name`, or the entry `key` of the global map `name`. Taken once.
fn started_early(name: &str, key: Option<&str>) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let value = js_sys::Reflect::get(&window, &name.into()).ok()?;
    let value = match key {
        None => {
            let _ = js_sys::Reflect::set(&window, &name.into(), &wasm_bindgen::JsValue::UNDEFINED);
            value
        }
        Some(key) => {
            let map: js_sys::Object = value.dyn_into().ok()?;
            let entry = js_sys::Reflect::get(&map, &key.into()).ok()?;
            let _ = js_sys::Reflect::delete_property(&map, &key.into());
            entry
        }
    };
    value.dyn_into::<js_sys::Promise>().ok()
}

/// The answer of an early request, if it succeeded (it resolves to null otherwise).
async fn early_answer<T: DeserializeOwned>(name: &str, key: Option<&str>) -> Option<T> {
    let value = wasm_bindgen_futures::JsFuture::from(started_early(name, key)?).await.ok()?;
    if value.is_null() || value.is_undefined() {
        return None;
    }
    let text: String = js_sys::JSON::stringify(&value).ok()?.into();
    serde_json::from_str(&text).ok()
}

/// A GET that `index.html` may already have started for the page being opened.
async fn get_early<T: DeserializeOwned>(url: String) -> Result<T, ApiError> {
    match early_answer("__djPrefetch", Some(&url)).await {
        Some(value) => Ok(value),
        None => send(Request::get(&url).build()).await,
    }
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

fn with_json<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

pub async fn login(login: &str, password: &str) -> Result<LoginResponse, ApiError> {
    let body = LoginRequest { login: login.into(), password: password.into() };
    send(with_json(Request::post(&url("/auth/login")), &body)).await
}

pub async fn logout() -> Result<(), ApiError> {
    send(Request::post(&url("/auth/logout")).build()).await
}

pub async fn me() -> Result<Me, ApiError> {
    send(Request::get(&url("/me")).build()).await
}

/// Who is logged in, from the request `index.html` started while the code downloaded; asks
/// again only when that one did not succeed.
pub async fn me_at_start() -> Result<Me, ApiError> {
    match early_answer("__djMe", None).await {
        Some(me) => Ok(me),
        None => me().await,
    }
}

pub async fn switch_role(id: RoleAssignmentId) -> Result<Me, ApiError> {
    send(with_json(Request::put(&url("/me/active-role")), &SwitchRoleRequest { role_assignment_id: id })).await
}

pub async fn org_tree(parent: Option<i64>) -> Result<OrgChildren, ApiError> {
    let path = match parent {
        Some(id) => format!("/orgs/tree?parent_id={id}"),
        None => "/orgs/tree".into(),
    };
    send(Request::get(&url(&path)).build()).await
}

pub async fn org(id: i64) -> Result<OrgView, ApiError> {
    get_early(url(&format!("/orgs/{id}"))).await
}

pub async fn search_orgs(text: &str) -> Result<Vec<OrgSearchHit>, ApiError> {
    send(Request::get(&url("/orgs/search")).query([("q", text), ("limit", "30")]).build()).await
}

/// `path` with the typed query of `shared` as its query string (absent filters are left out).
fn url_with<Q: Serialize>(path: &str, query: &Q) -> String {
    match serde_urlencoded::to_string(query) {
        Ok(text) if !text.is_empty() => format!("{}?{text}", url(path)),
        _ => url(path),
    }
}

pub async fn members(query: &MemberListQuery) -> Result<Page<MemberSummary>, ApiError> {
    get_early(url_with("/members", query)).await
}

pub async fn member(id: i64) -> Result<MemberView, ApiError> {
    send(Request::get(&url(&format!("/members/{id}"))).build()).await
}

pub async fn update_member(id: i64, body: &UpdateMemberRequest) -> Result<MemberView, ApiError> {
    send(with_json(Request::put(&url(&format!("/members/{id}"))), body)).await
}

pub mod hr {
    //! HR master-data sync endpoints.
    use gloo_net::http::Request;
    use shared::api::hr::{ConnectorView, JobRowsQuery, SyncJobView, SyncRowView};
    use shared::api::{Page, PageQuery};
    use shared::{ConnectorId, JobId};

    use super::{ApiError, send, url, url_with};

    pub async fn jobs() -> Result<Page<SyncJobView>, ApiError> {
        send(Request::get(&url_with("/hr/jobs", &PageQuery::first(50))).build()).await
    }

    pub async fn job(id: JobId) -> Result<SyncJobView, ApiError> {
        send(Request::get(&url(&format!("/hr/jobs/{id}"))).build()).await
    }

    pub async fn rows(id: JobId, query: &JobRowsQuery) -> Result<Page<SyncRowView>, ApiError> {
        send(Request::get(&url_with(&format!("/hr/jobs/{id}/rows"), query)).build()).await
    }

    pub async fn apply(id: JobId) -> Result<SyncJobView, ApiError> {
        send(Request::post(&url(&format!("/hr/jobs/{id}/apply"))).build()).await
    }

    pub async fn discard(id: JobId) -> Result<SyncJobView, ApiError> {
        send(Request::post(&url(&format!("/hr/jobs/{id}/discard"))).build()).await
    }

    pub async fn import(file: web_sys::File, full_roster: bool) -> Result<SyncJobView, ApiError> {
        let name = file.name();
        let query = [("file_name", name.as_str()), ("full_roster", if full_roster { "true" } else { "false" })];
        let request = Request::post(&url("/hr/imports"))
            .query(query)
            .header("content-type", "application/octet-stream")
            .body(wasm_bindgen::JsValue::from(file));
        send(request).await
    }

    pub async fn connectors() -> Result<Vec<ConnectorView>, ApiError> {
        send(Request::get(&url("/hr/connectors")).build()).await
    }

    pub async fn pull(id: ConnectorId) -> Result<SyncJobView, ApiError> {
        send(Request::post(&url(&format!("/hr/connectors/{id}/pull"))).build()).await
    }
}

pub async fn notifications() -> Result<Vec<shared::api::notify::NotificationView>, ApiError> {
    send(Request::get(&url("/notifications")).build()).await
}

pub mod development {
    //! Member development endpoints.
    use gloo_net::http::Request;
    use shared::api::development::{
        ApplicationRequest, CandidateResult, InstanceDetail, InstancePage, MeetingRequest, PipelineSummary, StepRequest,
    };

    use super::{ApiError, send, url, with_json};

    pub async fn summary() -> Result<PipelineSummary, ApiError> {
        send(Request::get(&url("/development/summary")).build()).await
    }

    pub async fn instances(query: &[(&str, String)]) -> Result<InstancePage, ApiError> {
        let pairs: Vec<(&str, &str)> =
            query.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (*k, v.as_str())).collect();
        send(Request::get(&url("/development/instances")).query(pairs).build()).await
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
}

pub mod calendar {
    //! The working-day calendar used for 公示 periods.
    use gloo_net::http::Request;
    use serde::{Deserialize, Serialize};
    use shared::rules::calendar::CalendarYear;

    use super::{ApiError, send, url, with_json};

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    pub struct RulesView {
        pub calendar: Vec<CalendarYear>,
    }

    #[derive(Debug, Serialize)]
    pub struct Edit<'a> {
        pub day: &'a str,
        pub kind: &'a str,
        pub note: Option<&'a str>,
    }

    pub async fn get() -> Result<RulesView, ApiError> {
        send(Request::get(&url("/development/rules")).build()).await
    }

    pub async fn edit(edit: &Edit<'_>) -> Result<RulesView, ApiError> {
        send(with_json(Request::post(&url("/development/calendar")), edit)).await
    }
}

pub mod meetings {
    //! Organisational life endpoints.
    use gloo_net::http::Request;
    use serde::Serialize;
    use shared::MeetingId;
    use shared::api::Page;
    use shared::api::meetings::*;

    use super::{ApiError, send, url, url_with, with_json};

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

    pub async fn post<B: Serialize>(id: MeetingId, action: &str, body: &B) -> Result<MeetingView, ApiError> {
        send(with_json(Request::post(&url(&format!("/meetings/{id}/{action}"))), body)).await
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
}

pub mod meeting_extras {
    //! Attachments and 民主评议 of a meeting.
    use gloo_net::http::Request;
    use shared::api::meetings::{AttachmentView, RatingReport, RatingRequest, SelfAssessmentRequest};

    use super::{ApiError, send, url, with_json};

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

pub async fn member_attendance(period: &str) -> Result<Vec<shared::api::meetings::MemberAttendanceRow>, ApiError> {
    send(Request::get(&url("/meetings/member-attendance")).query([("period", period)]).build()).await
}
