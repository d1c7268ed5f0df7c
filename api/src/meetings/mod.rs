//! Organisational life (三会一课, 主题党日, 组织生活会, 民主评议): plan, notify, attend and check in,
//! record and sign, compliance.

pub mod attachments;
pub mod checkin;
mod handlers;
pub mod ledger;
pub mod ratings;
pub mod repo;
pub mod service;

pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    // Fixed paths before `/meetings/{id}`.
    cfg.service(handlers::compliance)
        .service(handlers::branch_ledger)
        .service(handlers::member_attendance)
        .service(handlers::my_attendance)
        .service(handlers::plan_meeting)
        .service(handlers::list_meetings)
        .service(handlers::meeting_detail)
        .service(handlers::respond)
        .service(handlers::decide_leave)
        .service(handlers::checkin_code)
        .service(handlers::check_in)
        .service(handlers::mark_attendance)
        .service(handlers::write_record)
        .service(handlers::sign_record)
        .service(handlers::amend_record)
        .service(handlers::upload_attachment)
        .service(handlers::list_attachments)
        .service(handlers::download_attachment)
        .service(handlers::self_assessment)
        .service(handlers::rate_member)
        .service(handlers::rating_report);
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    handlers::compliance,
    handlers::branch_ledger,
    handlers::member_attendance,
    handlers::my_attendance,
    handlers::plan_meeting,
    handlers::list_meetings,
    handlers::meeting_detail,
    handlers::respond,
    handlers::decide_leave,
    handlers::checkin_code,
    handlers::check_in,
    handlers::mark_attendance,
    handlers::write_record,
    handlers::sign_record,
    handlers::amend_record,
    handlers::upload_attachment,
    handlers::list_attachments,
    handlers::download_attachment,
    handlers::self_assessment,
    handlers::rate_member,
    handlers::rating_report
))]
pub struct MeetingsApi;
