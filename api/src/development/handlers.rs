//! HTTP handlers of member development.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use shared::api::Page;
use shared::api::development::*;
use shared::error::ErrorBody;

use super::{repo, service, steps};
use crate::auth::Actor;
use crate::db::pagination::{clamp_limit, decode_cursor, page};
use crate::error::ApiError;
use crate::state::AppState;

/// The 25 steps: stage, who acts, what is recorded.
#[utoipa::path(tag = "development", responses((status = 200, body = Vec<StepInfo>)), security(("bearer" = [])))]
#[get("/development/process")]
pub async fn process_steps(_actor: Actor) -> web::Json<Vec<StepInfo>> {
    web::Json(steps::STEPS.iter().map(steps::info).collect())
}

/// The deployment's rule set and working-day calendar, so clients explain rules without a round trip.
#[utoipa::path(tag = "development", responses((status = 200, body = RulesView)), security(("bearer" = [])))]
#[get("/development/rules")]
pub async fn rule_set(state: web::Data<AppState>, _actor: Actor) -> Result<web::Json<RulesView>, ApiError> {
    Ok(web::Json(rules_view(&state).await?))
}

async fn rules_view(state: &AppState) -> Result<RulesView, ApiError> {
    let calendar = state.db.read(repo::calendar).await?;
    Ok(RulesView {
        rules: state.config.development_rules.clone(),
        catalogue: shared::rules::development::catalogue(),
        calendar: calendar.years().cloned().collect(),
    })
}

/// Edit one day of the working-day calendar (政工部门 only); 公示 periods are counted with it.
#[utoipa::path(tag = "development", request_body = CalendarEdit, responses((status = 200, body = RulesView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/development/calendar")]
pub async fn edit_calendar(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<CalendarEdit>,
) -> Result<web::Json<RulesView>, ApiError> {
    let today = state.clock.today();
    actor.require_action(shared::permissions::Action::EditCalendar)?;
    let edit = body.into_inner();
    if !matches!(edit.kind.as_str(), "holiday" | "workday" | "normal") {
        return Err(ApiError::field("kind", "invalid", "类型须为 holiday、workday 或 normal"));
    }
    let this_year = chrono::Datelike::year(&today);
    if !(this_year - 1..=this_year + 1).contains(&chrono::Datelike::year(&edit.day)) {
        return Err(ApiError::field("day", "out_of_range", "只能编辑去年、今年和明年的日历"));
    }
    state.db.write(move |conn| repo::edit_calendar(conn, &actor, edit.day, &edit.kind, edit.note.as_deref())).await?;
    Ok(web::Json(rules_view(&state).await?))
}

/// Submit an application to join (step 1); a branch may record one for a person in its branch.
#[utoipa::path(tag = "development", request_body = ApplicationRequest, responses((status = 201, body = InstanceDetail), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/development/applications")]
pub async fn submit_application(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<ApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    let today = state.clock.today();
    let rules = state.config.development_rules.clone();
    let view = state.db.write(move |conn| service::apply_for_membership(conn, &actor, &rules, today, &body)).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Development instances within reach, with their deadlines.
#[utoipa::path(tag = "development", params(InstanceListQuery), responses((status = 200, body = Page<InstanceSummary>), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/development/instances")]
pub async fn list_instances(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<InstanceListQuery>,
) -> Result<web::Json<InstancePage>, ApiError> {
    let today = state.clock.today();
    let query = query.into_inner();
    let limit = clamp_limit(query.limit);
    let after = decode_cursor(query.cursor.as_deref())?;
    let items = state
        .db
        .read(move |conn| {
            let mut filter = service::list_filter(conn, &actor, query.org_id)?;
            filter.open_only = !query.include_finished.unwrap_or(false);
            if query.overdue.unwrap_or(false) {
                filter.overdue_on = Some(today);
            }
            if let Some(stage) = query.stage {
                let in_stage: Vec<i32> = steps::STEPS.iter().filter(|s| s.stage == stage).map(|s| s.number).collect();
                filter.steps = Some((*in_stage.first().unwrap_or(&0), *in_stage.last().unwrap_or(&0)));
            }
            let rows = crate::workflow::list(conn, service::PROCESS, &filter, after, limit + 1)?;
            service::summaries(conn, &rows, today)
        })
        .await?;
    let (items, next_cursor) = page(items, limit, |i| i.id);
    Ok(web::Json(Page::new(items, next_cursor)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SummaryQuery {
    pub org_id: Option<i64>,
}

/// The pipeline at a glance: per stage, talks due, 培养期满, overdue, waiting for the 党委.
#[utoipa::path(tag = "development", params(SummaryQuery), responses((status = 200, body = PipelineSummary)), security(("bearer" = [])))]
#[get("/development/summary")]
pub async fn pipeline_summary(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<SummaryQuery>,
) -> Result<web::Json<PipelineSummary>, ApiError> {
    let today = state.clock.today();
    let org_id = query.org_id;
    Ok(web::Json(
        state
            .db
            .read(move |conn| {
                let filter = service::list_filter(conn, &actor, org_id)?;
                service::pipeline(conn, filter, today)
            })
            .await?,
    ))
}

/// One instance: timeline of the 25 steps, history, the next step and what may block it.
#[utoipa::path(tag = "development", params(("id" = i64, Path)), responses((status = 200, body = InstanceDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/development/instances/{id}")]
pub async fn instance_detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<InstanceDetail>, ApiError> {
    let today = state.clock.today();
    let (id, rules) = (id.into_inner(), state.config.development_rules.clone());
    Ok(web::Json(state.db.read(move |conn| service::detail(conn, &actor, &rules, today, id)).await?))
}

/// Do a step. 422 `rule_violation` names the rule and the earliest possible date; 409 when
/// someone else acted first.
#[utoipa::path(tag = "development", params(("id" = i64, Path), ("step" = i32, Path)), request_body = StepRequest,
    responses((status = 200, body = InstanceDetail), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/development/instances/{id}/steps/{step}")]
pub async fn do_step(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, i32)>,
    body: web::Json<StepRequest>,
) -> Result<web::Json<InstanceDetail>, ApiError> {
    let today = state.clock.today();
    let ((id, step), rules) = (path.into_inner(), state.config.development_rules.clone());
    Ok(web::Json(state.db.write(move |conn| service::act(conn, &actor, &rules, today, id, step, &body)).await?))
}

/// A branch general meeting voting on several candidates, each separately (step 15 or 23).
#[utoipa::path(tag = "development", request_body = MeetingRequest, responses((status = 200, body = Vec<CandidateResult>)), security(("bearer" = [])))]
#[post("/development/meetings")]
pub async fn record_meeting(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<MeetingRequest>,
) -> Result<web::Json<Vec<CandidateResult>>, ApiError> {
    let today = state.clock.today();
    let rules = state.config.development_rules.clone();
    let request = body.into_inner();
    let mut results = Vec::new();
    for candidate in request.candidates.clone() {
        let (actor, rules, request) = (actor.clone(), rules.clone(), request.clone());
        // Each candidate in its own transaction: one refused vote does not undo the others.
        let outcome = state
            .db
            .write(move |conn| {
                let row = crate::workflow::get(conn, candidate.instance_id)?;
                let mut data = serde_json::Map::new();
                data.insert("meeting_on".into(), serde_json::json!(request.meeting_on.to_string()));
                data.insert("entitled".into(), serde_json::json!(request.entitled));
                data.insert("present".into(), serde_json::json!(request.present));
                data.insert("yes".into(), serde_json::json!(candidate.yes));
                data.insert("written_yes".into(), serde_json::json!(candidate.written_yes));
                if let Some(r) = &candidate.resolution {
                    data.insert("resolution".into(), serde_json::json!(r));
                }
                if let Some(m) = candidate.extension_months {
                    data.insert("extension_months".into(), serde_json::json!(m));
                }
                let step_request = StepRequest { version: candidate.version, data, decision: None, comment: None };
                service::act(conn, &actor, &rules, today, candidate.instance_id, row.step, &step_request)?;
                Ok(rules.vote(request.entitled, request.present, candidate.yes, candidate.written_yes))
            })
            .await;
        results.push(match outcome {
            Ok(o) => CandidateResult { instance_id: candidate.instance_id, outcome: Some(o), error: None },
            Err(e) => CandidateResult {
                instance_id: candidate.instance_id,
                outcome: None,
                error: Some(ErrorBody { code: e.code, message: e.message, details: e.details.map(|d| *d) }),
            },
        });
    }
    Ok(web::Json(results))
}
