//! Party dues as the API shows them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{OrgId, PersonId};

/// `GET /dues/standard`: a trial calculation for any category and base.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StandardQuery {
    /// A category code, e.g. `employed`, `retired`, `student`.
    pub category: String,
    /// The monthly base in 元, at most two decimals, e.g. `3000.01`.
    #[serde(default)]
    pub base: Option<String>,
}

/// A member's dues base and category from a month on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaseView {
    pub id: i64,
    pub person_id: PersonId,
    pub category: String,
    pub category_label: String,
    /// 元, e.g. `6500.00`.
    pub base: String,
    /// The monthly amount, 元.
    pub monthly: String,
    /// `2026-01`
    pub effective_month: String,
    /// `import`, `branch`, `demo`
    pub source: String,
    pub note: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub recorded_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /dues/bases`: a base from a month on (a branch's edit; the same month replaces).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaseInput {
    pub person_id: PersonId,
    pub category: String,
    /// 元, at most two decimals.
    pub base: String,
    /// `2026-01`
    pub effective_month: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// One month of a member's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthView {
    /// `2026-11`
    pub month: String,
    pub org_id: OrgId,
    pub org_name: String,
    pub payable: String,
    pub paid: String,
    /// `paid`, `unpaid`, `excused` (unpaid with a recorded reason)
    pub status: String,
    pub reduced: bool,
    pub paid_on: Option<NaiveDate>,
    pub payment_id: Option<i64>,
    pub arrears_reason: Option<String>,
}

/// A payment, as the member's history and the receipt show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub id: i64,
    pub person_id: PersonId,
    pub person_name: String,
    pub org_id: OrgId,
    pub org_name: String,
    /// `cash`, `transfer`, `online`
    pub method: String,
    pub method_label: String,
    pub amount: String,
    pub dues: String,
    pub voluntary: String,
    /// Paid beyond the months it could cover (a late online payment for months already paid): to refund.
    pub unallocated: String,
    /// A voluntary payment of 1000 元 or more, to be remitted to the Central Committee.
    pub remit_central: bool,
    /// `2026-09`…`2026-11`, or none for a voluntary-only payment.
    pub first_month: Option<String>,
    pub last_month: Option<String>,
    pub paid_on: NaiveDate,
    pub receipt_number: String,
    pub note: Option<String>,
}

/// A member's dues: standard, months, payments, arrears (`GET /dues/me`, `GET /dues/members/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberDues {
    pub person_id: PersonId,
    pub name: String,
    pub org_id: OrgId,
    pub org_name: String,
    /// The base in force this month.
    pub current: Option<BaseView>,
    /// Every base on record, newest first.
    pub bases: Vec<BaseView>,
    /// The last month paid without a gap before it, `2026-11`.
    pub paid_through: Option<String>,
    /// 党费交至 2026年11月 (used by transfer letters).
    pub paid_through_label: String,
    /// Unpaid months before this month without a recorded reason.
    pub arrears_months: u32,
    pub arrears_consecutive: u32,
    /// What is open now (unpaid up to this month), 元.
    pub owed: String,
    /// The branch allows paying by the quarter.
    pub quarterly: bool,
    /// The months the member may pay through now (`2026-11`, and up to the quarter's end with consent).
    pub pay_through_options: Vec<PayOption>,
    /// The last 24 months, newest first.
    pub months: Vec<MonthView>,
    /// Newest first.
    pub payments: Vec<PaymentView>,
    /// Online payment is configured.
    pub online_payment: bool,
}

/// Paying through a month: how many months and how much.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayOption {
    pub through_month: String,
    pub months: u32,
    pub amount: String,
}

/// `POST /dues/payments`: a payment recorded by the branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentInput {
    pub person_id: PersonId,
    /// Pay every open month up to this one (`2026-11`); none for a voluntary payment alone.
    #[serde(default)]
    pub through_month: Option<String>,
    /// `cash` or `transfer`
    pub method: String,
    pub paid_on: NaiveDate,
    /// A voluntary extra amount, 元.
    #[serde(default)]
    pub voluntary: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /dues/me/orders`: pay online.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderInput {
    #[serde(default)]
    pub through_month: Option<String>,
    #[serde(default)]
    pub voluntary: Option<String>,
}

/// An online payment order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderView {
    pub id: i64,
    pub out_trade_no: String,
    pub amount: String,
    /// `pending`, `paid`, `closed`
    pub status: String,
    /// Where the phone goes to pay (the provider's H5 page).
    pub pay_url: Option<String>,
    pub payment_id: Option<i64>,
    pub first_month: Option<String>,
    pub last_month: Option<String>,
}

/// `PUT /dues/members/{id}/quarterly`: the branch allows (or stops) paying by the quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarterlyInput {
    pub allowed: bool,
}

/// `PUT /dues/members/{id}/months/{month}/reason`: why a month is unpaid (none clears it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonInput {
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /dues/me/bases/{id}/confirm`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmInput {
    pub version: i32,
}

/// Filters of `GET /dues/ledger`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct LedgerQuery {
    /// An org: its subtree (default: the active role's org).
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub org_id: Option<i64>,
    /// `2026-11` (default: this month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// `paid`, `unpaid`, `arrears` (3 months or more behind)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Part of a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: super::PageQuery,
}

/// One member in a month's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerRow {
    pub person_id: PersonId,
    pub name: String,
    pub org_id: OrgId,
    pub org_name: String,
    pub category_label: Option<String>,
    pub base: Option<String>,
    pub payable: String,
    pub paid: String,
    pub paid_on: Option<NaiveDate>,
    pub reduced: bool,
    pub arrears_reason: Option<String>,
    /// Months unpaid before this month (without a recorded reason).
    pub arrears_months: i64,
}

/// Sums for a ledger or a collection report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    /// Member-months in the ledger.
    pub entries: i64,
    pub payable: String,
    pub paid: String,
    /// Paid / payable, e.g. `93.5%`.
    pub rate: String,
    pub unpaid_entries: i64,
    pub unpaid: String,
}

/// `GET /dues/ledger`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerReport {
    pub month: String,
    pub org_id: OrgId,
    pub org_name: String,
    pub totals: Totals,
    pub items: Vec<LedgerRow>,
    pub next_cursor: Option<String>,
}

/// Filters of `GET /dues/collection`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CollectionQuery {
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub org_id: Option<i64>,
    /// `2026` (a year), `2026-Q3` (a quarter) or `2026-11` (a month); default this month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

/// One org's collection in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectionRow {
    pub org_id: OrgId,
    pub name: String,
    /// Has orgs below it to drill into.
    pub has_children: bool,
    pub totals: Totals,
}

/// `GET /dues/collection`: an org's collection in a period, with each org directly below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectionReport {
    pub org_id: OrgId,
    pub org_name: String,
    pub parent_id: Option<OrgId>,
    pub period: String,
    pub period_label: String,
    pub totals: Totals,
    pub children: Vec<CollectionRow>,
    /// Voluntary payments of 1000 元 or more in the period, to remit to the Central Committee.
    pub remit_central: String,
    pub voluntary: String,
}

/// `POST /dues/ledger/generate`: generate a month's ledger now (the schedule does it on the 1st).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GenerateInput {
    pub month: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GenerateResult {
    pub month: String,
    /// Rows added (members already in the month's ledger are left as they are).
    pub added: i64,
}

pub use super::dues_cases::*;
