//! Queues a notice once, by the recipient's preferences and the SMS policy: an in-app notice to
//! a user and a text to a person, each under the caller's de-duplication key. A text the person
//! opted out of is skipped (mandatory ones cannot be); a non-urgent text waits out quiet hours
//! and, past the day's cap, the night.

use chrono::Duration;
use shared::api::notify::NotifyPolicy;

use crate::clock::wall_now;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::outbox::{self, Channel, Message};

/// The settings key of the SMS policy.
pub const POLICY_KEY: &str = "notify_policy";

/// The SMS policy in force (the 政工部门's settings, or the defaults).
#[derive(Debug, Clone, Copy)]
pub struct Policy(pub NotifyPolicy);

impl Policy {
    pub fn load(conn: &mut DbConnection) -> Result<Policy, ApiError> {
        let stored = crate::db::settings::get(conn, POLICY_KEY)?;
        Ok(Policy(stored.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()))
    }
}

/// One notice: an in-app title, body and link, and optionally an SMS template with its values.
pub struct Notice<'a> {
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub sms: Option<(&'a str, Vec<(&'a str, String)>)>,
}

/// Who gets a notice: a user in the app, a person by SMS (one with a phone), a user by e-mail
/// (one who gave an address).
#[derive(Debug, Clone, Copy, Default)]
pub struct To {
    pub user: Option<i64>,
    pub sms: Option<i64>,
    pub email: Option<i64>,
}

/// Queues `notice` in the app (when it has a title), by SMS (when it has a template) and by
/// e-mail (when it has a title) to `to`, unless queued before under `key`. Returns how many
/// messages were queued.
pub fn once(conn: &mut DbConnection, policy: &Policy, key: &str, to: To, notice: &Notice) -> Result<usize, ApiError> {
    let mut queued = 0;
    if let Some(user) = to.user.filter(|_| !notice.title.is_empty()) {
        let message = Message::in_app(user, &notice.title, &notice.body, notice.link.as_deref());
        queued += outbox::enqueue_once(conn, &message, &format!("{key}:u{user}"))?.is_some() as usize;
    }
    if let Some(user) = to.email.filter(|_| !notice.title.is_empty()) {
        let message = Message::email(user, &notice.title, &notice.body);
        queued += outbox::enqueue_once(conn, &message, &format!("{key}:e{user}"))?.is_some() as usize;
    }
    if let (Some(person), Some((template, values))) = (to.sms, &notice.sms) {
        queued += sms_once(conn, policy, &format!("{key}:p{person}"), person, template, values)? as usize;
    }
    Ok(queued)
}

/// Queues one text to `person` unless queued before under `key` or opted out of.
pub fn sms_once(
    conn: &mut DbConnection,
    policy: &Policy,
    key: &str,
    person: i64,
    template: &str,
    values: &[(&str, String)],
) -> Result<bool, ApiError> {
    let Some(definition) = shared::sms::find(template) else {
        return Err(ApiError::internal(format!("unknown SMS template {template}")));
    };
    if !definition.mandatory && super::repo::opted_out(conn, person, template, Channel::Sms.code())? {
        return Ok(false);
    }
    let now = wall_now();
    let china = now + Duration::hours(shared::time::CHINA_OFFSET_HOURS);
    let day_start =
        china.date().and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(shared::time::CHINA_OFFSET_HOURS);
    let sent_today = outbox::repo::sms_count_since(conn, person, day_start)?;
    let release =
        policy.0.release_at(china, definition.urgent, sent_today) - Duration::hours(shared::time::CHINA_OFFSET_HOURS);
    let message = Message::sms(person, template, values);
    Ok(outbox::enqueue_once_at(conn, &message, key, release)?.is_some())
}
