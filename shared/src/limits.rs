//! Text-length limits, in characters (not bytes: 一个汉字 counts as one). The API enforces
//! them; the SPA shows them next to the fields; imports check the same numbers.

/// 姓名.
pub const NAME_MAX_CHARS: usize = 40;
/// 民族.
pub const ETHNICITY_MAX_CHARS: usize = 20;
/// 工作单位.
pub const WORK_UNIT_MAX_CHARS: usize = 100;
/// 部门.
pub const DEPARTMENT_MAX_CHARS: usize = 100;
/// 工号 (letters, digits, `-` and `_`).
pub const EMPLOYEE_NUMBER_MAX_CHARS: usize = 32;
/// 党组织名称.
pub const ORG_NAME_MAX_CHARS: usize = 100;
/// 会议主题.
pub const MEETING_TOPIC_MAX_CHARS: usize = 200;
/// 会议地点.
pub const MEETING_PLACE_MAX_CHARS: usize = 200;
/// 会议议程.
pub const MEETING_AGENDA_MAX_CHARS: usize = 5_000;
/// 会议记录.
pub const MEETING_MINUTES_MAX_CHARS: usize = 50_000;
/// 会议决定.
pub const MEETING_DECISIONS_MAX_CHARS: usize = 10_000;
/// 党课主讲人.
pub const LECTURER_MAX_CHARS: usize = 100;
/// 更正原因.
pub const AMEND_REASON_MAX_CHARS: usize = 500;
/// 附件文件名.
pub const FILE_NAME_MAX_CHARS: usize = 200;
/// 个人自评.
pub const SELF_ASSESSMENT_MAX_CHARS: usize = 5_000;

/// Whether a text holds control characters other than line breaks and tabs (a NUL byte, an
/// escape sequence): such text is refused rather than stored (PostgreSQL cannot store NUL, and
/// no screen or export shows the others).
pub fn has_control_chars(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A comment or opinion on a workflow step (意见).
pub const COMMENT_MAX_CHARS: usize = 2_000;
/// The note of a calendar day (e.g. 国庆节调休).
pub const CALENDAR_NOTE_MAX_CHARS: usize = 100;

/// The earliest date an org can have been founded or started a term: the founding of the
/// Communist Party of China (1921-07-01). Later dates are checked against today by the caller.
pub fn earliest_org_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1921, 7, 1).unwrap_or_default()
}

/// A person's name: at most [`NAME_MAX_CHARS`], no digits, no control characters.
pub fn is_valid_person_name(name: &str) -> bool {
    name.chars().count() <= NAME_MAX_CHARS && !name.chars().any(|c| c.is_ascii_digit() || c.is_control())
}

/// An employee number: at most [`EMPLOYEE_NUMBER_MAX_CHARS`] of `[A-Za-z0-9_-]`.
pub fn is_valid_employee_number(number: &str) -> bool {
    number.chars().count() <= EMPLOYEE_NUMBER_MAX_CHARS
        && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether `text` is longer than `max_chars` characters.
pub fn too_long(text: &str, max_chars: usize) -> bool {
    text.chars().count() > max_chars
}
