//! Requests (请示) to the upper org and its replies (批复), domain.md §7: templates (versioned),
//! drafts checked against the 公文 rules, the flow on the workflow engine, GB/T 9704 PDFs
//! sealed with the org's electronic seal, SMS approval, and one-click archiving.

pub mod archive;
pub mod compose;
mod defaults;
pub mod handlers;
pub mod models;
mod notices;
pub mod process;
pub mod public;
pub mod reminders;
pub mod repo;
pub mod sealing;
pub mod service;
pub mod sms;
pub mod templates;
pub mod verify;
pub mod views;

feature_routes!(RequestsApi {
    handlers::list,
    handlers::list_templates,
    handlers::save_template,
    handlers::compose_info,
    handlers::preview,
    handlers::create,
    public::sms_link,
    public::sms_decide,
    public::sms_document,
    handlers::update,
    handlers::detail,
    handlers::act,
    handlers::reply_draft,
    handlers::request_document,
    handlers::document,
    handlers::archive_request,
    public::verify_stored,
    public::verify_held,
    public::sms_inbound,
    public::archives,
    public::package,
});
