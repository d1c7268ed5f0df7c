//! Member development (发展党员): the 25-step process on the workflow engine, with its rules.

mod handlers;
pub mod inputs;
pub mod process;
pub mod repo;
pub mod service;
pub mod steps;
mod votes;

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(handlers::process_steps)
        .service(handlers::rule_set)
        .service(handlers::edit_calendar)
        .service(handlers::submit_application)
        .service(handlers::list_instances)
        .service(handlers::pipeline_summary)
        .service(handlers::instance_detail)
        .service(handlers::do_step)
        .service(handlers::record_meeting);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    handlers::process_steps,
    handlers::rule_set,
    handlers::edit_calendar,
    handlers::submit_application,
    handlers::list_instances,
    handlers::pipeline_summary,
    handlers::instance_detail,
    handlers::do_step,
    handlers::record_meeting
))]
pub struct DevelopmentApi;
