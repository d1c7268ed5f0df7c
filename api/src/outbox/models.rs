//! Outbox rows and their API views.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::outbox::OutboxMessageView;

use crate::db::schema::outbox;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub channel: String,
    pub recipient_user_id: Option<i64>,
    pub recipient_person_id: Option<i64>,
    pub payload_json: String,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
    pub next_attempt_at: Option<NaiveDateTime>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub status: String,
    pub claimed_by: Option<String>,
    pub dead_at: Option<NaiveDateTime>,
}

impl OutboxRow {
    /// The log's view; `recipient` and `provider_message_id` come from other tables.
    pub fn view(&self, recipient: Option<String>, provider_message_id: Option<String>) -> OutboxMessageView {
        let payload: serde_json::Value = serde_json::from_str(&self.payload_json).unwrap_or_default();
        OutboxMessageView {
            id: self.id,
            channel: self.channel.clone(),
            recipient,
            summary: summary(&self.channel, &payload),
            status: self.status.clone(),
            attempts: self.attempts,
            created_at: self.created_at.and_utc(),
            delivered_at: self.delivered_at.map(|d| d.and_utc()),
            next_attempt_at: (self.status == super::repo::PENDING)
                .then_some(self.next_attempt_at)
                .flatten()
                .map(|d| d.and_utc()),
            last_error: self.last_error.clone(),
            provider_message_id,
        }
    }
}

/// A value as the delivery log shows it: a one-time link (an SMS approval link is a
/// credential of its recipient) keeps its address but not its token.
fn shown(name: &str, value: &str) -> String {
    match (name, value.rsplit_once('/')) {
        ("link", Some((address, _))) => format!("{address}/******"),
        _ => value.to_string(),
    }
}

/// What a message says, in one line: the SMS as the recipient reads it, else its title/subject.
fn summary(channel: &str, payload: &serde_json::Value) -> String {
    let text = |key: &str| payload.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    if channel == super::Channel::Sms.code() {
        let values: Vec<(String, String)> = payload
            .get("values")
            .and_then(|v| v.as_object())
            .map(|o| o.iter().map(|(k, v)| (k.clone(), shown(k, v.as_str().unwrap_or_default()))).collect())
            .unwrap_or_default();
        return shared::sms::render(&text("template"), &values)
            .unwrap_or_else(|e| format!("（无法生成短信：{}）", e.message()));
    }
    match text("title") {
        title if !title.is_empty() => title,
        _ => text("subject"),
    }
}
