//! How database errors reach the caller: a unique-index violation names the field, a missing
//! row is a 404, and anything else is a 500 that is logged, not shown.

use crate::error::ApiError;

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> ApiError {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => ApiError::not_found("记录"),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                let (field, message) = duplicate_field(info.message(), info.constraint_name());
                ApiError::duplicate(field, message)
            }
            // PostgreSQL cannot store U+0000 in text; the request carried one (SQLite stores it).
            Error::DatabaseError(_, info) if info.message().contains("0x00") => {
                ApiError::bad_request("text", "文本不能包含空字符（\\u0000）")
            }
            other => ApiError::internal(other),
        }
    }
}

/// Which field a unique-index violation is about. SQLite names the column, PostgreSQL the index.
fn duplicate_field(message: &str, constraint: Option<&str>) -> (&'static str, &'static str) {
    let text = format!("{message} {}", constraint.unwrap_or(""));
    if text.contains("id_card") {
        ("id_card_number", "该身份证号码已登记")
    } else if text.contains("employee_number") {
        ("employee_number", "该工号已被使用")
    } else if text.contains("username") {
        ("username", "该用户名已被使用")
    } else if text.contains("phone") {
        ("phone", "该手机号已被使用")
    } else {
        ("", "记录重复")
    }
}
