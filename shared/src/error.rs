//! The one error body of the API. The SPA maps `code` (and each field error's `code`) to
//! its own Chinese text, so codes are stable; `message` is Chinese for API clients.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the request could not be read (bad JSON, bad query string).
    BadRequest,
    /// 401: no session, or it expired or was revoked.
    Unauthenticated,
    /// 401: wrong username/phone or password.
    InvalidCredentials,
    /// 429: too many failed logins for this account or address.
    LoginRateLimited,
    /// 403: the active role may not do this.
    Forbidden,
    /// 403: the target lies outside the active role's organisation scope.
    OutOfScope,
    /// 404
    NotFound,
    /// 409: someone else changed the record first (version mismatch).
    VersionConflict,
    /// 409: a unique value (身份证号码, 工号, username …) is already used.
    Duplicate,
    /// 409: the action does not fit the record's current state.
    InvalidState,
    /// 413
    PayloadTooLarge,
    /// 422: field validation failed; see `details.fields`.
    Validation,
    /// 422: a party rule blocks the action; see `details.rule`.
    RuleViolation,
    /// 500
    Internal,
    /// 503: the server is too busy right now; retry later.
    ServiceUnavailable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The request field, e.g. `id_card_number`.
    pub field: String,
    /// A stable code, e.g. `id_card_checksum`, `required`, `phone_format`.
    pub code: String,
    /// Chinese explanation for the user.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> FieldError {
        FieldError { field: field.to_string(), code: code.to_string(), message: message.into() }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetails {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// The party rule that blocked the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<crate::rules::RuleViolation>,
    /// Seconds until a rate-limited action may be retried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<ErrorDetails>,
}
