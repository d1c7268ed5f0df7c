//! Organisational life (三会一课, 主题党日, 组织生活会, 民主评议): plan, notify, attend and check in,
//! record and sign, compliance.

pub mod attachments;
pub mod checkin;
mod handlers;
pub mod ledger;
pub mod ratings;
pub mod repo;
pub mod service;

feature_routes!(MeetingsApi {
    // Fixed paths before `/meetings/{id}`.
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
    handlers::rating_report,
});
