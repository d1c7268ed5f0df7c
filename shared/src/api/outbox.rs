//! The delivery log (政工部门): every queued message with its state and attempts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One queued message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessageView {
    pub id: i64,
    /// in_app, sms, email or webhook
    pub channel: String,
    /// The recipient's name (a user's display name or a person's name).
    pub recipient: Option<String>,
    /// What was sent: the notice title, the SMS text, the e-mail subject.
    pub summary: String,
    /// pending, delivered or dead
    pub status: String,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// When the next attempt is due (pending messages).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// The provider's id for the accepted message (SMS, e-mail).
    pub provider_message_id: Option<String>,
}

/// One delivery attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptView {
    pub attempt: i32,
    /// The server instance that made it.
    pub instance: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub ok: bool,
    pub error: Option<String>,
    pub provider_message_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxDetail {
    pub message: OutboxMessageView,
    pub attempts: Vec<AttemptView>,
}

/// Filters of `GET /outbox`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct OutboxQuery {
    /// pending, delivered or dead
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// in_app, sms, email or webhook
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: super::PageQuery,
}

/// A message's state after a resend was requested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxStatusView {
    pub id: i64,
    pub status: String,
    pub attempts: i32,
}
