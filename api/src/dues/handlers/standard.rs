//! `GET /dues/standard`: the monthly amount for a category and base, with the rate and rule.

use actix_web::{get, web};
use shared::api::dues::StandardQuery;
use shared::error::ErrorBody;
use shared::rules::dues::{DuesCategory, Fen, Standard, standard as reckon};

use crate::auth::Actor;
use crate::error::ApiError;
use crate::state::AppState;

/// A trial calculation for any category and base (any logged-in user).
#[utoipa::path(tag = "dues", params(StandardQuery), responses((status = 200, body = Standard), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/standard")]
pub async fn standard(
    state: web::Data<AppState>,
    _actor: Actor,
    query: web::Query<StandardQuery>,
) -> Result<web::Json<Standard>, ApiError> {
    let category = DuesCategory::parse(&query.category).ok_or_else(|| {
        ApiError::bad_request("category", "党费类别无效（如 employed 在职、retired 离退休、student 学生）")
    })?;
    let base = match query.base.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => Fen::parse(text)
            .ok_or_else(|| ApiError::bad_request("base", "计算基数须为不小于 0 的金额（元），最多两位小数"))?,
        None => Fen(0),
    };
    Ok(web::Json(reckon(&state.config.dues_rules, category, base)))
}
