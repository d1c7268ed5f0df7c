//! Builds the application (routes, limits, middleware) and runs the HTTP server.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, Logger, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, error::JsonPayloadError, web};
use shared::error::ErrorCode;

use crate::error::ApiError;
use crate::jobs::JobKind;
use crate::jobs::schedules::{Schedule, When};
use crate::state::AppState;
use crate::{
    alerts, audit, auth, development, dues, health, hr_sync, meetings, members, notify, openapi, orgs, outbox,
    static_files,
};

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

fn form_error(err: actix_web::error::UrlencodedError, _: &HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::BadRequest, format!("表单内容错误：{err}")).into()
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
    outbox::routes(cfg);
    alerts::routes(cfg);
    dues::routes(cfg);
    crate::transfers::routes(cfg);
    crate::requests::routes(cfg);
    crate::elections::routes(cfg);
    crate::committees::routes(cfg);
    crate::seals::routes(cfg);
    crate::statistics::routes(cfg);
    cfg.service(openapi::spec);
}

/// Every kind of background job, by name.
static JOB_KINDS: [JobKind; 3] =
    [crate::hr_sync::job_kinds::PREVIEW, crate::hr_sync::job_kinds::APPLY, crate::statistics::exports::JOB];

/// The named schedules; each runs on exactly one instance per slot.
fn schedules(config: &crate::config::Config) -> Vec<Schedule> {
    vec![
        Schedule { name: "hr_nightly_pull", when: When::Every(60), run: crate::hr_sync::scheduler::run },
        Schedule {
            name: "reminders",
            when: When::DailyAt(config.reminder_rules.run_hour),
            run: crate::notify::reminders::run,
        },
        Schedule { name: "dues_ledger", when: When::DailyAt(1), run: crate::dues::ledger::run },
        Schedule {
            name: "transfer_reminders",
            when: When::DailyAt(config.reminder_rules.run_hour),
            run: crate::transfers::reminders::run,
        },
        Schedule {
            name: "request_reminders",
            when: When::DailyAt(config.reminder_rules.run_hour),
            run: crate::requests::reminders::run,
        },
        Schedule {
            name: "alerts",
            when: When::DailyAt(config.reminder_rules.run_hour.saturating_sub(2)),
            run: alerts::run,
        },
        Schedule {
            name: "purge_sessions",
            when: When::Every(config.workers.purge_interval_seconds),
            run: |env| {
                crate::auth::purge::run(&env.db).map_err(|e| e.message)?;
                let month_ago = crate::clock::wall_now() - chrono::Duration::days(30);
                env.db
                    .write_blocking(|conn| crate::jobs::repo::purge_finished(conn, month_ago))
                    .map_err(|e| e.message)?;
                Ok(())
            },
        },
    ]
}

/// Starts the job workers and the outbox dispatcher of this instance (once; `run` calls it,
/// because requests queue work for them). They stop when the last copy of `state` is dropped.
pub fn start_pools(state: &AppState) {
    if state.background.first_pool_start() {
        let env = state.env();
        crate::jobs::pool::start(&env, &JOB_KINDS);
        crate::outbox::dispatcher::start(&env, std::sync::Arc::new(crate::outbox::providers::standard(&state.config)));
    }
}

/// Starts everything `serve` runs in the background: the pools and the named schedules.
/// Jobs of a crashed instance are not touched here: a worker takes one over only once its
/// heartbeat has stopped (see `jobs::pool`). Tests that want no schedules don't call this.
pub fn start_workers(state: &AppState) -> Result<(), String> {
    start_pools(state);
    let store = crate::files::FileStore::new(&state.config, state.db.clone());
    match crate::files::sweep::sweep(&store, &state.db, None) {
        Ok(swept) => tracing::info!(?swept, "file store swept"),
        Err(e) => tracing::warn!(error = %e.message, "file store sweep failed"),
    }
    if state.background.first_schedule_start() {
        crate::jobs::schedules::start(&state.env(), schedules(&state.config));
    }
    tracing::info!(instance = state.background.instance(), "background workers started");
    Ok(())
}

/// The HTTP server: every route, limit and middleware over `state`.
pub fn run(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    start_pools(&state);
    if let Some(dir) = &state.config.document_fonts_dir {
        crate::documents::pdf::use_extra_fonts(dir.clone());
    }
    let json_limit = state.config.json_limit_bytes;
    let static_dir = state.config.static_dir.clone();
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::JsonConfig::default().limit(json_limit).error_handler(json_error))
            .app_data(web::PayloadConfig::default().limit(json_limit))
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::FormConfig::default().limit(4096).error_handler(form_error))
            .app_data(web::PathConfig::default().error_handler(path_error))
            .wrap(from_fn(static_files::cache_headers))
            .wrap(Compress::default())
            .wrap(from_fn(crate::security_headers::add))
            .wrap(Logger::new("%a \"%r\" %s %b %Dms").exclude("/healthz"))
            .configure(health::routes)
            .service(openapi::docs_ui())
            .service(web::scope("/api/v1").configure(api_routes).default_service(web::to(api_not_found)))
            .service(crate::transfers::handlers::check_page)
            .service(crate::requests::public::verify_page)
            .configure(|cfg| static_files::routes(cfg, &static_dir))
    })
    .listen(listener)?
    .run();
    Ok(server)
}
