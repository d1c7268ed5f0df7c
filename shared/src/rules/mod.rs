//! Party rules as versioned data with test vectors (domain.md). The API enforces them and the
//! SPA explains them with the same code, before the user submits.

pub mod alerts;
pub mod calendar;
pub mod catalogue;
pub mod daxie;
pub mod development;
pub mod dues;
pub mod dues_payment;
pub mod elections;
pub mod meetings;
pub mod reminders;
pub mod requests;
pub mod statistics;
pub mod transfers;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A rule that blocked an action (422 `rule_violation`), or that warns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleViolation {
    /// Stable code, e.g. `dev.activist_one_year`.
    pub code: String,
    /// The rule as written, e.g. 确定为入党积极分子一年以上，方可确定为发展对象.
    pub rule: String,
    /// Where it comes from, e.g. 《中国共产党发展党员工作细则》第十三条.
    pub source: String,
    /// What this case lacks, e.g. 培养期未满一年，还差 43 天，最早可于 2027-03-05 确定为发展对象.
    pub message: String,
    /// The earliest date the action becomes possible, when time alone will fix it.
    pub earliest: Option<NaiveDate>,
}
