//! The API's one error type: each variant knows its HTTP status and its `ErrorCode`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use shared::error::{ErrorBody, ErrorCode, ErrorDetails, FieldError};

#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// Boxed: errors travel through every `Result` and most carry no details.
    pub details: Option<Box<ErrorDetails>>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), details: None }
    }

    pub fn bad_request(field: &str, message: &str) -> ApiError {
        ApiError::with_fields(ErrorCode::BadRequest, message, vec![FieldError::new(field, "invalid", message)])
    }

    pub fn unauthenticated() -> ApiError {
        ApiError::new(ErrorCode::Unauthenticated, "请先登录，或登录已过期")
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Forbidden, message)
    }

    pub fn out_of_scope() -> ApiError {
        ApiError::new(ErrorCode::OutOfScope, "该对象不在当前角色的管理范围内")
    }

    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(ErrorCode::NotFound, format!("{what}不存在"))
    }

    pub fn version_conflict() -> ApiError {
        ApiError::new(ErrorCode::VersionConflict, "记录已被他人修改，请刷新后重试")
    }

    pub fn invalid_state(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::InvalidState, message)
    }

    pub fn validation(fields: Vec<FieldError>) -> ApiError {
        ApiError::with_fields(ErrorCode::Validation, "提交的信息有误，请按提示修改", fields)
    }

    pub fn field(field: &str, code: &str, message: impl Into<String>) -> ApiError {
        ApiError::validation(vec![FieldError::new(field, code, message)])
    }

    /// 422 `rule_violation` carrying the rule, its source and the earliest possible date.
    pub fn rule(violation: shared::rules::RuleViolation) -> ApiError {
        ApiError {
            code: ErrorCode::RuleViolation,
            message: violation.message.clone(),
            details: Some(Box::new(ErrorDetails { rule: Some(violation), ..ErrorDetails::default() })),
        }
    }

    pub fn duplicate(field: &str, message: &str) -> ApiError {
        ApiError::with_fields(ErrorCode::Duplicate, message, vec![FieldError::new(field, "duplicate", message)])
    }

    pub fn with_fields(code: ErrorCode, message: &str, fields: Vec<FieldError>) -> ApiError {
        ApiError {
            code,
            message: message.to_string(),
            details: Some(Box::new(ErrorDetails { fields, ..ErrorDetails::default() })),
        }
    }

    /// Logs the cause (never sent to the client) and returns a generic 500.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(ErrorCode::Internal, "服务器内部错误，请稍后重试")
    }
}

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
        ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => StatusCode::UNAUTHORIZED,
        ErrorCode::LoginRateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Forbidden | ErrorCode::OutOfScope => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::VersionConflict | ErrorCode::Duplicate | ErrorCode::InvalidState => StatusCode::CONFLICT,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::Validation | ErrorCode::RuleViolation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        status_of(self.code)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        if let Some(seconds) = self.details.as_ref().and_then(|d| d.retry_after_seconds) {
            response.insert_header(("Retry-After", seconds.to_string()));
        }
        response.json(ErrorBody {
            code: self.code,
            message: self.message.clone(),
            details: self.details.as_deref().cloned(),
        })
    }
}

/// Reads back a code this server stored. An unknown one means a damaged row or a newer
/// schema, never the caller's fault: a 500 that names the column, not a silent default.
pub fn stored_code<T>(parsed: Option<T>, column: &str, code: &str) -> Result<T, ApiError> {
    parsed.ok_or_else(|| ApiError::internal(format!("unknown {column} code {code:?} in the database")))
}
