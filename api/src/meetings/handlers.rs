//! HTTP handlers of organisational life.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::api::meetings::*;
use shared::api::{Page, PageQuery};
use shared::error::ErrorBody;
use shared::permissions::Action;
use shared::rules::meetings::{MeetingKind, Period};
use shared::{MeetingId, OrgId};

use super::{repo, service};
use crate::auth::Actor;
use crate::db::pagination::Keyset;
use crate::error::{ApiError, stored_code};
use crate::state::AppState;

/// Plan a meeting; the expected attendees get a notice at once.
#[utoipa::path(tag = "meetings", request_body = PlanMeetingRequest, responses((status = 201, body = MeetingView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings")]
pub async fn plan_meeting(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<PlanMeetingRequest>,
) -> Result<HttpResponse, ApiError> {
    let view = state.db.write(move |conn| service::plan(conn, &actor, &body)).await?;
    state.wake_outbox();
    Ok(HttpResponse::Created().json(view))
}

/// Meetings of an org subtree (for those who run them).
#[utoipa::path(
    tag = "meetings",
    params(MeetingListQuery, PageQuery),
    responses(
        (status = 200, body = Page<MeetingSummary>),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = []))
)]
#[get("/meetings")]
pub async fn list_meetings(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<MeetingListQuery>,
) -> Result<web::Json<Page<MeetingSummary>>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let items = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id).0)?;
            actor.require(Action::RunMeetings, &org.path)?;
            let rows = repo::list(conn, &org.path, query.from, query.to, query.kind, keyset.after, keyset.fetch())?;
            let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
            let counts = repo::counts(conn, &ids)?;
            let names = crate::members::repo::org_names(conn, &rows.iter().map(|m| m.org_id).collect::<Vec<_>>())?;
            rows.iter()
                .map(|m| {
                    let (_, expected, present, on_leave) =
                        counts.iter().find(|c| c.0 == m.id).copied().unwrap_or((m.id, 0, 0, 0));
                    Ok(MeetingSummary {
                        id: MeetingId(m.id),
                        org_id: OrgId(m.org_id),
                        org_name: names
                            .iter()
                            .find(|(id, _)| *id == m.org_id)
                            .map(|(_, n)| n.clone())
                            .unwrap_or_default(),
                        kind: stored_code(MeetingKind::from_code(&m.kind), "meetings.kind", &m.kind)?,
                        topic: m.topic.clone(),
                        starts_at: m.starts_at,
                        status: stored_code(MeetingStatus::from_code(&m.status), "meetings.status", &m.status)?,
                        expected,
                        present,
                        on_leave,
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    Ok(web::Json(keyset.page(items, |m| m.id.0)))
}

/// A meeting: details, attendees (all for those who run it, oneself for an attendee), quorum, record.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}")]
pub async fn meeting_detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| service::view(conn, &actor, id)).await?))
}

/// Confirm attendance or ask for leave (with a reason).
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = RespondRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/respond")]
pub async fn respond(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<RespondRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::respond(conn, &actor, id, &body)).await?))
}

/// Approve or reject a leave request.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = LeaveDecision, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/leave-decisions")]
pub async fn decide_leave(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<LeaveDecision>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::decide_leave(conn, &actor, id, &body)).await?))
}

/// The current check-in code and its QR (rotates every 30 seconds).
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = CheckinCode), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/checkin-code")]
pub async fn checkin_code(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<i64>,
) -> Result<web::Json<CheckinCode>, ApiError> {
    let id = id.into_inner();
    let base = {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    };
    Ok(web::Json(state.db.write(move |conn| service::checkin_code(conn, &actor, id, &base)).await?))
}

/// Check in with the code from the host's screen.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = CheckinRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/checkin")]
pub async fn check_in(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<CheckinRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::check_in(conn, &actor, id, &body)).await?))
}

/// The host marks someone present or absent.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = MarkAttendanceRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/attendance")]
pub async fn mark_attendance(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<MarkAttendanceRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::mark(conn, &actor, id, &body)).await?))
}

/// Write the record (minutes, decisions, lecturer) before it is signed.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = RecordRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[put("/meetings/{id}/record")]
pub async fn write_record(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<RecordRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::record(conn, &actor, id, &body)).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SignRequest {
    pub version: i32,
}

/// The secretary signs the record off: it is locked; corrections become amendments.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = SignRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/sign")]
pub async fn sign_record(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<SignRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let (id, version) = (id.into_inner(), body.version);
    Ok(web::Json(state.db.write(move |conn| service::sign(conn, &actor, id, version)).await?))
}

/// Correct a signed record; the change is kept as an audited amendment.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = AmendRequest, responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/amendments")]
pub async fn amend_record(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<AmendRequest>,
) -> Result<web::Json<MeetingView>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::amend(conn, &actor, id, &body)).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ComplianceQuery {
    pub org_id: Option<i64>,
    /// `2026`, `2026-Q3` or `2026-11`.
    pub period: String,
}

/// Which branches held the required meetings in a period, most behind first.
#[utoipa::path(tag = "meetings", params(ComplianceQuery), responses((status = 200, body = ComplianceReport), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/compliance")]
pub async fn compliance(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ComplianceQuery>,
) -> Result<web::Json<ComplianceReport>, ApiError> {
    let period = Period::parse(&query.period)
        .ok_or_else(|| ApiError::bad_request("period", "期间格式应为 2026、2026-Q3 或 2026-11"))?;
    let (org_id, today) = (query.org_id, state.clock.today());
    let rules = state.config.meeting_rules.clone();
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let org = org_id.unwrap_or(actor.role.org_id.0);
                service::compliance(conn, &actor, org, period, &rules, today)
            })
            .await?,
    ))
}

/// The caller's own attendance history.
#[utoipa::path(tag = "meetings", responses((status = 200, body = MyAttendance), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/mine")]
pub async fn my_attendance(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<MyAttendance>, ApiError> {
    let today = state.clock.today();
    Ok(web::Json(state.db.read(move |conn| service::my_attendance(conn, &actor, today)).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LedgerQuery {
    pub org_id: Option<i64>,
    /// Default: this year.
    pub year: Option<i32>,
    /// xlsx (default) or pdf
    pub format: Option<String>,
}

/// 支部工作台账: a branch's organisational life for a year, as XLSX or PDF.
#[utoipa::path(tag = "meetings", params(LedgerQuery), responses((status = 200, description = "XLSX or PDF file"), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/ledger")]
pub async fn branch_ledger(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<LedgerQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let today = state.clock.today();
    let year = query.year.unwrap_or(chrono::Datelike::year(&today));
    let (org, rows) = state
        .db
        .read(move |conn| {
            let org = crate::orgs::repo::get(conn, query.org_id.unwrap_or(actor.role.org_id.0))?;
            actor.require(Action::ViewMeetingReports, &org.path)?;
            let rows = super::ledger::rows(conn, &org, year)?;
            Ok((org, rows))
        })
        .await?;
    let pdf = query.format.as_deref() == Some("pdf");
    let name = org.name.clone();
    let bytes = web::block(move || {
        if pdf {
            super::ledger::pdf(&name, year, &rows, today).map_err(ApiError::internal)
        } else {
            super::ledger::xlsx(&name, year, &rows)
        }
    })
    .await
    .map_err(ApiError::internal)??;
    let kind = if pdf { crate::files::Kind::Pdf } else { crate::files::Kind::Xlsx };
    let file_name = format!("{}-{year}-支部工作台账.{}", org.name, if pdf { "pdf" } else { "xlsx" });
    Ok(crate::files::download::file(bytes, kind.media_type(), &file_name))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    pub file_name: String,
}

/// Attach a photo or document (JPG, PNG, PDF, DOCX, XLSX; at most 10 MB) before sign-off.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path), UploadQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentView), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    query: web::Query<UploadQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    use crate::files::{FileStore, upload};
    let (id, name) = (id.into_inner(), super::attachments::valid_name(&query.file_name)?);
    // Role and scope first: nobody may make the server receive a body they could not attach.
    let checker = actor.clone();
    state.db.read(move |conn| super::attachments::may_attach(conn, &checker, id)).await?;
    let store = FileStore::new(&state.config, state.db.clone());
    let blob = upload::receive(body, super::attachments::MAX_ATTACHMENT_BYTES, &store).await?;
    let saver = store.clone();
    let (view, blob) = state
        .db
        .write(move |conn| {
            let view = super::attachments::attach(conn, &actor, &saver, id, &name, &blob)?;
            Ok((view, blob))
        })
        .await?;
    web::block(move || store.promote(blob)).await.map_err(ApiError::internal)??;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = Vec<AttachmentView>), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/attachments")]
pub async fn list_attachments(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<AttachmentView>>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| super::attachments::list(conn, &actor, id)).await?))
}

#[utoipa::path(tag = "meetings", params(("id" = i64, Path), ("attachment_id" = i64, Path)), responses((status = 200, description = "the file"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/attachments/{attachment_id}")]
pub async fn download_attachment(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, aid) = path.into_inner();
    let (name, content_type, sha) = state.db.read(move |conn| super::attachments::find(conn, &actor, id, aid)).await?;
    let store = crate::files::FileStore::new(&state.config, state.db.clone());
    let bytes = web::block(move || store.read(&sha)).await.map_err(ApiError::internal)??;
    Ok(crate::files::download::file(bytes, &content_type, &name))
}

/// 民主评议: the member's own self-assessment.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = SelfAssessmentRequest, responses((status = 200, body = RatingReport), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/self-assessment")]
pub async fn self_assessment(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<SelfAssessmentRequest>,
) -> Result<web::Json<RatingReport>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| super::ratings::self_assess(conn, &actor, id, &body)).await?))
}

/// 民主评议: peer assessment counts and the committee's rating of one member.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), request_body = RatingRequest, responses((status = 200, body = RatingReport), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/meetings/{id}/ratings")]
pub async fn rate_member(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<RatingRequest>,
) -> Result<web::Json<RatingReport>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| super::ratings::rate(conn, &actor, id, &body)).await?))
}

/// 民主评议 results with counts per rating.
#[utoipa::path(tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = RatingReport), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/{id}/ratings")]
pub async fn rating_report(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<RatingReport>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| super::ratings::report(conn, &actor, id)).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct MemberAttendanceQuery {
    /// The branch (default: the caller's org).
    pub org_id: Option<i64>,
    /// `2026`, `2026-Q3` or `2026-11`.
    pub period: String,
}

/// Attendance per member of a branch in a period, lowest rate first.
#[utoipa::path(tag = "meetings", params(MemberAttendanceQuery), responses((status = 200, body = Vec<MemberAttendanceRow>), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/meetings/member-attendance")]
pub async fn member_attendance(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<MemberAttendanceQuery>,
) -> Result<web::Json<Vec<MemberAttendanceRow>>, ApiError> {
    let period = Period::parse(&query.period)
        .ok_or_else(|| ApiError::bad_request("period", "期间格式应为 2026、2026-Q3 或 2026-11"))?;
    let org_id = query.org_id;
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let org = crate::orgs::repo::get(conn, org_id.unwrap_or(actor.role.org_id.0))?;
                actor.require(Action::ViewMeetingReports, &org.path)?;
                Ok(repo::member_attendance(conn, org.id, period.start, period.end)?
                    .into_iter()
                    .map(|(person, name, expected, attended, on_leave)| MemberAttendanceRow {
                        person_id: shared::PersonId(person),
                        name,
                        expected,
                        attended,
                        on_leave,
                    })
                    .collect())
            })
            .await?,
    ))
}
