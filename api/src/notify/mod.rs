//! Notifications: the in-app centre (written through the outbox's in-app channel, or directly
//! for notices to the 政工部门), SMS delivery, scheduled reminders and their recipients.

pub mod configured;
pub mod email;
pub mod handlers;
pub mod notices;
pub mod preferences;
pub mod reminders;
pub mod repo;
pub mod send;
pub mod service;
pub mod sms;

use crate::db::DbConnection;
use crate::error::ApiError;

/// Notifies every holder of a 政工部门 role.
pub fn notify_department(conn: &mut DbConnection, title: &str, body: &str, link: Option<&str>) -> Result<(), ApiError> {
    for user_id in repo::department_users(conn)? {
        notify_user(conn, user_id, title, body, link)?;
    }
    Ok(())
}

pub fn notify_user(
    conn: &mut DbConnection,
    user_id: i64,
    title: &str,
    body: &str,
    link: Option<&str>,
) -> Result<(), ApiError> {
    repo::insert(conn, user_id, title, body, link)
}

feature_routes!(NotifyApi {
    handlers::list,
    handlers::mark_read,
    notices::handlers::preview,
    notices::handlers::send,
    preferences::get_preferences,
    preferences::put_preferences,
    service::get_policy,
    service::put_policy,
    service::get_sms_provider,
    service::put_sms_provider,
    service::get_mail_server,
    service::put_mail_server,
});
