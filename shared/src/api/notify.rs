//! The notification centre (a page of notices, the unread count, marking read) and custom notices
//! (audience, channels, the preview of recipients and cost).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::NotificationId;

pub use super::notify_settings::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: NotificationId,
    pub title: String,
    pub body: String,
    /// A web UI path to open, e.g. `/hr/jobs/12`.
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// One page of the caller's notifications, newest first, with the number still unread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    pub unread_count: i64,
}

/// Marks notifications read: the listed ones, or with `all` every one of the caller's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Vec<NotificationId>,
    #[serde(default)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread_count: i64,
}

/// Filters of `GET /notifications`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct NotificationQuery {
    /// Only those not read yet.
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub unread_only: Option<bool>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: super::PageQuery,
}

/// Who a custom notice goes to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Audience {
    /// Chosen people (at most 500).
    People { person_ids: Vec<crate::PersonId> },
    /// Every member (正式 and 预备) of an org and the orgs below it.
    Org { org_id: crate::OrgId },
    /// Holders of a role in an org and below it (e.g. every 党支部 secretary of a 党委).
    Role { org_id: crate::OrgId, role: crate::RoleKind },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeChannel {
    InApp,
    Sms,
    Email,
}

/// A custom notice: previewed with `POST /notices/preview`, sent with `POST /notices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoticeRequest {
    /// The sending org (its name heads the SMS); within the sender's scope.
    pub org_id: crate::OrgId,
    pub title: String,
    pub body: String,
    pub audience: Audience,
    pub channels: Vec<NoticeChannel>,
}

/// Who a notice reaches and what the SMS part costs, before it is sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticePreview {
    pub recipients: i64,
    /// Recipients with a login (they get the in-app notice).
    pub in_app: i64,
    /// Recipients with a mobile number (they get the SMS).
    pub sms: i64,
    /// Recipients with an e-mail address (they get the e-mail).
    pub email: i64,
    pub without_phone: i64,
    /// The SMS as recipients read it.
    pub sms_text: String,
    /// Billing segments per SMS (70 characters, 67 each when split).
    pub sms_segments: i64,
    /// Estimated cost of the SMS part in 元 (two decimals).
    pub sms_cost_yuan: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSent {
    pub id: i64,
    pub preview: NoticePreview,
}

/// Billing segments of an SMS of `chars` characters (GSM-UCS2 rule: 70, or 67 per part).
pub fn sms_segments(chars: usize) -> i64 {
    if chars <= 70 { 1 } else { chars.div_ceil(67) as i64 }
}

/// `li` (厘, 0.001 元) as 元 with two decimals, rounded half up.
pub fn yuan_of_li(li: i64) -> String {
    let fen = (li + 5) / 10;
    format!("{}.{:02}", fen / 100, fen % 100)
}
