//! Member development (发展党员): the 25-step process on the workflow engine, with its rules.

mod handlers;
pub mod inputs;
mod milestones;
pub mod process;
pub mod repo;
pub mod service;
pub mod steps;
mod votes;

feature_routes!(DevelopmentApi {
    handlers::process_steps,
    handlers::rule_set,
    handlers::edit_calendar,
    handlers::submit_application,
    handlers::list_instances,
    handlers::pipeline_summary,
    handlers::instance_detail,
    handlers::do_step,
    handlers::record_meeting,
});
