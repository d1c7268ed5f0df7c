//! A member's dues (their own on the phone, or one member for the branch), bases with their
//! history, the member's confirmation, quarterly consent and reasons for unpaid months.

use actix_web::{HttpResponse, get, post, put, web};
use shared::api::dues::{BaseInput, BaseView, ConfirmInput, MemberDues, QuarterlyInput, ReasonInput};
use shared::error::ErrorBody;
use shared::permissions::Action;
use shared::rules::dues::{DuesCategory, Fen, MAX_BASE};
use shared::rules::dues_payment::{month_of, parse_month};

use crate::auth::Actor;
use crate::dues::declare::{Declaration, declare};
use crate::dues::repo::{bases, months};
use crate::dues::views;
use crate::error::ApiError;
use crate::state::AppState;

fn own_person(actor: &Actor) -> Result<i64, ApiError> {
    actor.person_id.map(|p| p.0).ok_or_else(|| ApiError::forbidden("当前账号未关联党员信息"))
}

async fn dues_of(state: &AppState, person: i64) -> Result<MemberDues, ApiError> {
    let rules = state.config.dues_rules.clone();
    let today = state.clock.today();
    let online = state.config.wechat_pay.is_some();
    let month = month_of(today);
    let ready = state.db.read(move |conn| Ok(months::present(conn, month, Some(person))?.contains(&person))).await?;
    if !ready {
        // The current month's row is made when first needed (the schedule makes everyone's on
        // the 1st); a member not liable this month gets none, and this is tried again.
        state.db.write(move |conn| crate::dues::ledger::generate(conn, month, Some(person))).await?;
    }
    state.db.read(move |conn| views::member_dues(conn, &rules, today, person, online)).await
}

/// My dues: the standard, months, payments, arrears, what I may pay now.
#[utoipa::path(tag = "dues", responses((status = 200, body = MemberDues), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/me")]
pub async fn mine(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<MemberDues>, ApiError> {
    actor.require_action(Action::PayDues)?;
    Ok(web::Json(dues_of(&state, own_person(&actor)?).await?))
}

/// One member's dues, for the branch (or the member themself).
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), responses((status = 200, body = MemberDues), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/members/{id}")]
pub async fn member(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<MemberDues>, ApiError> {
    let person = id.into_inner();
    let (_, _, _, path) = state.db.read(move |conn| views::subject(conn, person)).await?;
    if actor.person_id.map(|p| p.0) != Some(person) {
        actor.require(Action::ViewDues, &path)?;
    }
    Ok(web::Json(dues_of(&state, person).await?))
}

/// A base from a month on, set by the branch (a base for the same month is replaced and must
/// be confirmed again by the member). Unpaid months from then on follow the new amount.
#[utoipa::path(tag = "dues", request_body = BaseInput, responses((status = 201, body = BaseView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/bases")]
pub async fn set_base(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<BaseInput>,
) -> Result<HttpResponse, ApiError> {
    let input = input.into_inner();
    let category =
        DuesCategory::parse(&input.category).ok_or_else(|| ApiError::field("category", "invalid", "请选择党费类别"))?;
    let base = Fen::parse(&input.base)
        .filter(|b| *b <= MAX_BASE)
        .ok_or_else(|| ApiError::field("base", "invalid", "计算基数须为不小于 0 的金额（元），最多两位小数"))?;
    let month = parse_month(&input.effective_month)
        .ok_or_else(|| ApiError::field("effective_month", "invalid", "起始月份格式应为 2026-01"))?;
    let note = input.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err(ApiError::field("note", "too_long", "备注不能超过 200 字"));
    }
    let rules = state.config.dues_rules.clone();
    let now = state.clock.now();
    let person = input.person_id.0;
    let view = state
        .db
        .write(move |conn| {
            let (_, _, _, path) = views::subject(conn, person)?;
            actor.require(Action::ManageDues, &path)?;
            let declaration = Declaration {
                person,
                category,
                base,
                month,
                source: "branch",
                note: note.as_deref(),
                action: "dues.base_set",
                now,
            };
            declare(conn, &actor, &rules, &declaration)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The member confirms the base on record (as shown, at `version`).
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), request_body = ConfirmInput, responses((status = 200, body = BaseView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/me/bases/{id}/confirm")]
pub async fn confirm_base(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    input: web::Json<ConfirmInput>,
) -> Result<web::Json<BaseView>, ApiError> {
    let person = own_person(&actor)?;
    let (id, version, now) = (id.into_inner(), input.version, state.clock.now());
    let view = state
        .db
        .write(move |conn| {
            let row = bases::get(conn, id)?;
            if row.1 != person {
                return Err(ApiError::not_found("党费基数"));
            }
            if bases::confirm(conn, id, version, now)? == 0 {
                return Err(ApiError::version_conflict());
            }
            let after = views::base(bases::get(conn, id)?);
            crate::audit::repo::record::<(), _>(
                conn,
                Some(&actor),
                "dues.base_confirmed",
                "dues_base",
                id,
                None,
                Some(&after),
            )?;
            Ok(after)
        })
        .await?;
    Ok(web::Json(view))
}

/// The branch allows (or stops) a member paying by the quarter.
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), request_body = QuarterlyInput, responses((status = 200, body = MemberDues), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[put("/dues/members/{id}/quarterly")]
pub async fn set_quarterly(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
    input: web::Json<QuarterlyInput>,
) -> Result<web::Json<MemberDues>, ApiError> {
    let (person, allowed, now) = (id.into_inner(), input.allowed, state.clock.now());
    state
        .db
        .write(move |conn| {
            let (_, _, _, path) = views::subject(conn, person)?;
            actor.require(Action::ManageDues, &path)?;
            let was = crate::dues::paying::quarterly(conn, person)?;
            if was == allowed {
                return Ok(());
            }
            crate::dues::repo::members::set_quarterly(conn, person, allowed, actor.user_id.0, now)?;
            crate::audit::repo::record(
                conn,
                Some(&actor),
                "dues.quarterly_set",
                "person",
                person,
                Some(&serde_json::json!({ "quarterly": was })),
                Some(&serde_json::json!({ "quarterly": allowed })),
            )
        })
        .await?;
    Ok(web::Json(dues_of(&state, person).await?))
}

/// Why a month is unpaid (外出联系不上, 经支部研究暂缓 …): a month with a reason does not count
/// towards the arrears rules. An empty reason clears it.
#[utoipa::path(tag = "dues", params(("id" = i64, Path), ("month" = String, Path)), request_body = ReasonInput, responses((status = 200, body = MemberDues), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/dues/members/{id}/months/{month}/reason")]
pub async fn set_reason(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i64, String)>,
    input: web::Json<ReasonInput>,
) -> Result<web::Json<MemberDues>, ApiError> {
    let (person, month) = path.into_inner();
    let month = parse_month(&month).ok_or_else(|| ApiError::bad_request("month", "月份格式应为 2026-11"))?;
    let reason = input.into_inner().reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 200) {
        return Err(ApiError::field("reason", "too_long", "原因不能超过 200 字"));
    }
    state
        .db
        .write(move |conn| {
            let (_, _, _, path) = views::subject(conn, person)?;
            actor.require(Action::ManageDues, &path)?;
            if months::set_reason(conn, person, month, reason.as_deref())? == 0 {
                return Err(ApiError::not_found("未交纳的月份"));
            }
            crate::audit::repo::record::<(), _>(
                conn,
                Some(&actor),
                "dues.arrears_reason",
                "person",
                person,
                None,
                Some(&serde_json::json!({ "month": shared::rules::dues_payment::fmt_month(month), "reason": reason })),
            )
        })
        .await?;
    Ok(web::Json(dues_of(&state, person).await?))
}
