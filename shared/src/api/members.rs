use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use crate::{Education, Gender, LeaveKind, MembershipStatus, Occupation, OrgId, PersonId};

/// The editable fields of a person's record, as typed into a form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberFields {
    pub name: String,
    pub id_card_number: String,
    /// Optional: derived from the 身份证 number; if given it must agree.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Optional: derived from the 身份证 number; if given it must agree.
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub ethnicity: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub education: Option<Education>,
    #[serde(default)]
    pub occupation: Option<Occupation>,
    #[serde(default)]
    pub work_unit: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub employee_number: Option<String>,
    pub membership_status: MembershipStatus,
    /// 入党日期: required for 正式党员 and 预备党员.
    #[serde(default)]
    pub join_date: Option<NaiveDate>,
    /// 转正日期: required for 正式党员.
    #[serde(default)]
    pub full_member_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateMemberRequest {
    /// The org holding the formal organisation relationship.
    pub org_id: OrgId,
    #[serde(default)]
    pub party_group_id: Option<OrgId>,
    #[serde(flatten)]
    pub fields: MemberFields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMemberRequest {
    pub version: i32,
    #[serde(default)]
    pub party_group_id: Option<OrgId>,
    #[serde(flatten)]
    pub fields: MemberFields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaveInfo {
    pub kind: LeaveKind,
    pub date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub id: PersonId,
    pub name: String,
    pub gender: Gender,
    pub ethnicity: String,
    pub birth_date: NaiveDate,
    pub age: i32,
    pub id_card_number: String,
    pub phone: Option<String>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub work_unit: Option<String>,
    pub department: Option<String>,
    pub employee_number: Option<String>,
    pub membership_status: MembershipStatus,
    pub join_date: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
    /// 党龄 in whole years, counted from 转正 (domain.md §6.3).
    pub party_standing_years: Option<i32>,
    pub org_id: OrgId,
    pub org_name: String,
    pub party_group_id: Option<OrgId>,
    pub party_group_name: Option<String>,
    pub left: Option<LeaveInfo>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of a member list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberSummary {
    pub id: PersonId,
    pub name: String,
    pub gender: Gender,
    pub age: i32,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub membership_status: MembershipStatus,
    pub org_id: OrgId,
    pub org_name: String,
    pub phone: Option<String>,
    pub employee_number: Option<String>,
    pub join_date: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

/// Filters of `GET /members`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct MemberListQuery {
    /// Restrict to this org's subtree (must be within the caller's reach).
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub org_id: Option<OrgId>,
    /// Comma-separated membership status codes, e.g. `formal,probationary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<Occupation>,
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub age_min: Option<i32>,
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub age_max: Option<i32>,
    /// true: 少数民族 only; false: 汉族 only.
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub minority: Option<bool>,
    /// 入党日期 on or after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_from: Option<NaiveDate>,
    /// 入党日期 on or before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_to: Option<NaiveDate>,
    /// 转正日期 on or after (党龄 bands).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_from: Option<NaiveDate>,
    /// 转正日期 on or before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_to: Option<NaiveDate>,
    /// Part of the name, or the start of the phone or employee number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Include people who have left (转出, 出党 …). Default false.
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub include_left: Option<bool>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaveEventRequest {
    pub version: i32,
    pub kind: LeaveKind,
    pub date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveMemberRequest {
    pub version: i32,
    pub org_id: OrgId,
    #[serde(default)]
    pub party_group_id: Option<OrgId>,
    pub reason: String,
}
