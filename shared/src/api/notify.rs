use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::NotificationId;

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
