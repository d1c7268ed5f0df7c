//! Liveness and readiness probes.

use actix_web::{HttpResponse, get, web};

use crate::error::ApiError;
use crate::state::AppState;

/// The process is up.
#[utoipa::path(tag = "health", responses((status = 200, description = "ok")))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// The database answers.
#[utoipa::path(tag = "health", responses((status = 200, description = "ready"), (status = 500, description = "database unavailable")))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.db.read(crate::db::ping).await?;
    Ok(HttpResponse::Ok().content_type("text/plain").body("ready"))
}

feature_routes!(HealthApi { healthz, readyz });
