use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use crate::{AuditId, RoleKind, UserId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    pub username: Option<String>,
    pub role_kind: Option<RoleKind>,
    /// create, update, dissolve, move, leave …
    pub action: String,
    /// org, person, user, role_assignment …
    pub entity: String,
    pub entity_id: i64,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Filters of `GET /audit`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// org, person, user …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<i64>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}
