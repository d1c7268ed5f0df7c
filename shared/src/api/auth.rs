use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{OrgId, PersonId, RoleAssignmentId, RoleKind, UserId};

/// Longest accepted login (username or phone number), in characters.
pub const LOGIN_MAX_CHARS: usize = 64;
/// Longest accepted password, in characters (argon2 hashes any length; this bounds the work).
pub const PASSWORD_MAX_CHARS: usize = 256;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnlockRequest {
    /// The account's username or phone number.
    pub login: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// Username or mobile phone number.
    pub login: String,
    pub password: String,
}

/// The page shell's plain login form (before the app has loaded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormLogin {
    pub login: String,
    pub password: String,
    /// Where to go after logging in: a path of this site.
    #[serde(default)]
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleAssignmentView {
    pub id: RoleAssignmentId,
    pub kind: RoleKind,
    pub org_id: OrgId,
    pub org_name: String,
    /// e.g. 书记, 组织委员.
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user_id: UserId,
    pub username: String,
    pub display_name: String,
    pub person_id: Option<PersonId>,
    pub roles: Vec<RoleAssignmentView>,
    pub active_role: RoleAssignmentView,
    pub session_expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token for API clients; the web UI uses the HttpOnly cookie set alongside.
    pub token: String,
    pub me: Me,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SwitchRoleRequest {
    pub role_assignment_id: RoleAssignmentId,
}
