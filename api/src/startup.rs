//! Builds the application (routes, limits, middleware) and runs the HTTP server.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, Logger, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, error::JsonPayloadError, web};
use shared::error::ErrorCode;

use crate::error::ApiError;
use crate::state::AppState;
use crate::{audit, auth, development, health, hr_sync, meetings, members, notify, openapi, orgs, static_files};

fn json_error(err: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let api_error = match &err {
        JsonPayloadError::Overflow { limit } | JsonPayloadError::OverflowKnownLength { limit, .. } => {
            ApiError::new(ErrorCode::PayloadTooLarge, format!("请求内容过大（上限 {} KB）", limit / 1024))
        }
        JsonPayloadError::ContentType => ApiError::new(ErrorCode::BadRequest, "请求须为 application/json"),
        JsonPayloadError::Deserialize(e) => ApiError::new(ErrorCode::BadRequest, format!("请求内容格式错误：{e}")),
        other => ApiError::new(ErrorCode::BadRequest, format!("请求内容无法读取：{other}")),
    };
    api_error.into()
}

fn query_error(err: actix_web::error::QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::BadRequest, format!("查询参数错误：{err}")).into()
}

fn path_error(err: actix_web::error::PathError, _: &HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::BadRequest, format!("路径参数错误：{err}")).into()
}

async fn api_not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(ErrorCode::NotFound, "接口不存在"))
}

/// The `/api/v1` routes of every feature.
pub fn api_routes(cfg: &mut web::ServiceConfig) {
    auth::routes(cfg);
    orgs::routes(cfg);
    members::routes(cfg);
    audit::routes(cfg);
    hr_sync::routes(cfg);
    development::routes(cfg);
    meetings::routes(cfg);
    notify::routes(cfg);
    cfg.service(openapi::spec);
}

/// Starts the background workers of every feature (the HR nightly pull now; the outbox
/// dispatcher and job pool as they arrive). `serve` calls it; tests that want no workers don't.
pub fn start_workers(state: &AppState) -> Result<(), String> {
    let interrupted = state.db.write_blocking(crate::hr_sync::repo::fail_interrupted).map_err(|e| e.message)?;
    if interrupted > 0 {
        tracing::warn!(interrupted, "sync jobs interrupted by the last shutdown were marked failed");
    }
    let store = crate::files::FileStore::new(&state.config, state.db.clone());
    match crate::files::sweep::sweep(&store, &state.db, None) {
        Ok(swept) => tracing::info!(?swept, "file store swept"),
        Err(e) => tracing::warn!(error = %e.message, "file store sweep failed"),
    }
    crate::hr_sync::scheduler::spawn(state.clone());
    Ok(())
}

/// The HTTP server: every route, limit and middleware over `state`.
pub fn run(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let json_limit = state.config.json_limit_bytes;
    let static_dir = state.config.static_dir.clone();
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::JsonConfig::default().limit(json_limit).error_handler(json_error))
            .app_data(web::PayloadConfig::default().limit(json_limit))
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::PathConfig::default().error_handler(path_error))
            .wrap(from_fn(static_files::cache_headers))
            .wrap(Compress::default())
            .wrap(from_fn(crate::security_headers::add))
            .wrap(Logger::new("%a \"%r\" %s %b %Dms").exclude("/healthz"))
            .configure(health::routes)
            .service(openapi::docs_ui())
            .service(web::scope("/api/v1").configure(api_routes).default_service(web::to(api_not_found)))
            .configure(|cfg| static_files::routes(cfg, &static_dir))
    })
    .listen(listener)?
    .run();
    Ok(server)
}
