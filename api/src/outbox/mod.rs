//! The outbox: side effects (in-app notices, SMS, e-mail, webhooks) are written here in the
//! caller's transaction with `enqueue` and delivered afterwards by the dispatcher, with
//! retries, exponential backoff, a record of every attempt and dead letters for admins.

pub mod dispatcher;
pub mod handlers;
pub mod models;
pub mod providers;
pub mod repo;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::db::DbConnection;
use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InApp,
    Sms,
    Email,
    Webhook,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::InApp, Channel::Sms, Channel::Email, Channel::Webhook];

    pub fn code(self) -> &'static str {
        match self {
            Channel::InApp => "in_app",
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Webhook => "webhook",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// One message to deliver. `payload` is what the channel's provider needs (for in-app:
/// `title`, `body`, `link`; for SMS a template and its values).
#[derive(Debug, Clone)]
pub struct Message {
    pub channel: Channel,
    pub recipient_user_id: Option<i64>,
    pub recipient_person_id: Option<i64>,
    pub payload: serde_json::Value,
}

impl Message {
    /// An in-app notice to a user.
    pub fn in_app(user_id: i64, title: &str, body: &str, link: Option<&str>) -> Message {
        Message {
            channel: Channel::InApp,
            recipient_user_id: Some(user_id),
            recipient_person_id: None,
            payload: serde_json::json!({"title": title, "body": body, "link": link}),
        }
    }

    /// A text message to a person: a template of `shared::sms` and its variables (the SMS
    /// channel fills them in, and refuses confidential values).
    pub fn sms(person_id: i64, template: &str, values: &[(&str, String)]) -> Message {
        let values: serde_json::Map<String, serde_json::Value> =
            values.iter().map(|(name, value)| (name.to_string(), serde_json::Value::String(value.clone()))).collect();
        Message {
            channel: Channel::Sms,
            recipient_user_id: None,
            recipient_person_id: Some(person_id),
            payload: serde_json::json!({"template": template, "values": values}),
        }
    }
}

impl Message {
    /// An e-mail to a user (sent to the address in their notification settings).
    pub fn email(user_id: i64, subject: &str, body: &str) -> Message {
        Message {
            channel: Channel::Email,
            recipient_user_id: Some(user_id),
            recipient_person_id: None,
            payload: serde_json::json!({"subject": subject, "body": body}),
        }
    }
}

/// Queues `message` in the caller's transaction: it is delivered only if that commits.
pub fn enqueue(conn: &mut DbConnection, message: &Message) -> Result<i64, ApiError> {
    repo::insert(conn, message, None, None)?.ok_or_else(|| ApiError::internal("outbox insert returned nothing"))
}

/// Queues `message` unless a message with `dedup_key` was queued before (a reminder names its
/// subject and day in the key, so a second run of its schedule sends nothing). The new id, or
/// `None` for a duplicate.
pub fn enqueue_once(conn: &mut DbConnection, message: &Message, dedup_key: &str) -> Result<Option<i64>, ApiError> {
    repo::insert(conn, message, Some(dedup_key), None)
}

/// `enqueue_once`, first tried at `not_before` (quiet hours, a recipient's daily cap).
pub fn enqueue_once_at(
    conn: &mut DbConnection,
    message: &Message,
    dedup_key: &str,
    not_before: chrono::NaiveDateTime,
) -> Result<Option<i64>, ApiError> {
    repo::insert(conn, message, Some(dedup_key), Some(not_before))
}

feature_routes!(OutboxApi {
    handlers::list,
    handlers::detail,
    handlers::resend,
});
