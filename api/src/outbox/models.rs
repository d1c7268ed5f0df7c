//! Outbox rows and their API views.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

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
    pub attempts: i32,
    pub last_error: Option<String>,
    pub status: String,
    pub claimed_by: Option<String>,
    pub dead_at: Option<NaiveDateTime>,
}

/// A message that failed every attempt.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadLetterView {
    pub id: i64,
    /// in_app, sms, email or webhook
    pub channel: String,
    pub recipient_user_id: Option<i64>,
    pub recipient_person_id: Option<i64>,
    pub payload: serde_json::Value,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub dead_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadLetterPage {
    pub items: Vec<DeadLetterView>,
    pub next_cursor: Option<String>,
}

/// A message's state after a retry was requested.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutboxStatusView {
    pub id: i64,
    /// pending, delivered or dead
    pub status: String,
    pub attempts: i32,
}

impl OutboxRow {
    pub fn dead_letter_view(&self) -> DeadLetterView {
        DeadLetterView {
            id: self.id,
            channel: self.channel.clone(),
            recipient_user_id: self.recipient_user_id,
            recipient_person_id: self.recipient_person_id,
            payload: serde_json::from_str(&self.payload_json).unwrap_or(serde_json::Value::Null),
            attempts: self.attempts,
            last_error: self.last_error.clone(),
            created_at: self.created_at.and_utc(),
            dead_at: self.dead_at.map(|d| d.and_utc()),
        }
    }
}
