//! HTTP handlers of the members feature.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::Months;
use shared::MembershipStatus;
use shared::api::members::*;
use shared::api::{Page, PageQuery};
use shared::error::ErrorBody;
use shared::permissions::Action;

use super::repo::MemberFilter;
use super::service;
use crate::auth::{Actor, Reach};
use crate::db::pagination::Keyset;
use crate::error::ApiError;
use crate::orgs::repo as orgs_repo;
use crate::state::AppState;

fn parse_statuses(text: Option<&str>) -> Result<Vec<MembershipStatus>, ApiError> {
    text.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| MembershipStatus::from_code(s).ok_or_else(|| ApiError::bad_request("status", "未知的党员状态")))
        .collect()
}

/// Members in the caller's reach, filtered, in stable pages.
#[utoipa::path(
    tag = "members",
    params(MemberListQuery, PageQuery),
    responses(
        (status = 200, body = Page<MemberSummary>),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = []))
)]
#[get("/members")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<MemberListQuery>,
) -> Result<web::Json<Page<MemberSummary>>, ApiError> {
    let query = query.into_inner();
    let keyset = Keyset::of(&query.page)?;
    let today = state.clock.today();
    let mut filter = MemberFilter::scoped(&actor.reach());
    filter.statuses = parse_statuses(query.status.as_deref())?;
    filter.gender = query.gender;
    filter.education = query.education;
    filter.occupation = query.occupation;
    filter.text = query.q.clone();
    filter.include_left = query.include_left.unwrap_or(false);
    filter.minority = query.minority.map(|m| (m, state.config.statistics_rules.majority_ethnicity.clone()));
    filter.joined = (query.joined_from, query.joined_to);
    filter.full_member = (query.full_from, query.full_to);
    if let Some(min) = query.age_min {
        filter.born_on_or_before = today.checked_sub_months(Months::new(12 * min.clamp(0, 150) as u32));
    }
    if let Some(max) = query.age_max {
        filter.born_after = today.checked_sub_months(Months::new(12 * (max.clamp(0, 150) as u32 + 1)));
    }
    let org_id = query.org_id;
    let (items, total) = state
        .db
        .read(move |conn| {
            if let Some(org_id) = org_id {
                let org = orgs_repo::get(conn, org_id.0)?;
                match actor.reach() {
                    Reach::OwnRecord(_) => {}
                    _ => {
                        actor.require(Action::ViewMembers, &org.path)?;
                        filter.within(&org.path);
                    }
                }
            }
            service::list(conn, today, &filter, keyset.after, keyset.fetch())
        })
        .await?;
    let mut page = keyset.page(items, |m| m.id.0);
    page.total = Some(total);
    Ok(web::Json(page))
}

#[utoipa::path(tag = "members", params(("id" = i64, Path)), responses((status = 200, body = MemberView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/members/{id}")]
pub async fn detail(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<MemberView>, ApiError> {
    let today = state.clock.today();
    let id = id.into_inner();
    Ok(web::Json(state.db.read(move |conn| service::get(conn, today, &actor, id)).await?))
}

#[utoipa::path(tag = "members", request_body = CreateMemberRequest, responses((status = 201, body = MemberView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/members")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<CreateMemberRequest>,
) -> Result<HttpResponse, ApiError> {
    let today = state.clock.today();
    let view = state.db.write(move |conn| service::create(conn, today, &actor, &body)).await?;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(tag = "members", params(("id" = i64, Path)), request_body = UpdateMemberRequest, responses((status = 200, body = MemberView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/members/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<UpdateMemberRequest>,
) -> Result<web::Json<MemberView>, ApiError> {
    let today = state.clock.today();
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::update(conn, today, &actor, id, &body)).await?))
}

/// Record that a person left (转出, 退党, 除名, 死亡 …). The record stays; lists hide it by default.
#[utoipa::path(tag = "members", params(("id" = i64, Path)), request_body = LeaveEventRequest, responses((status = 200, body = MemberView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/members/{id}/leave")]
pub async fn leave(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<LeaveEventRequest>,
) -> Result<web::Json<MemberView>, ApiError> {
    let today = state.clock.today();
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::record_leave(conn, today, &actor, id, &body)).await?))
}

/// Move a person's record to another org inside the caller's reach (internal transfer shortcut).
#[utoipa::path(tag = "members", params(("id" = i64, Path)), request_body = MoveMemberRequest, responses((status = 200, body = MemberView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/members/{id}/move")]
pub async fn move_member(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    body: web::Json<MoveMemberRequest>,
) -> Result<web::Json<MemberView>, ApiError> {
    let today = state.clock.today();
    let id = id.into_inner();
    Ok(web::Json(state.db.write(move |conn| service::move_member(conn, today, &actor, id, &body)).await?))
}
