use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{OrgId, OrgKind, OrgStatus, Sector};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgView {
    pub id: OrgId,
    pub parent_id: Option<OrgId>,
    /// Materialised path of ids, e.g. `/1/17/230/`.
    pub path: String,
    /// Names from the root down to this org, e.g. ["院党委", "材料所党委", "第三研究室党支部"].
    pub breadcrumb: Vec<OrgCrumb>,
    pub name: String,
    pub kind: OrgKind,
    pub sector: Sector,
    pub founded_on: Option<NaiveDate>,
    pub term_years: Option<i32>,
    pub term_started_on: Option<NaiveDate>,
    /// When the current committee term ends (term start + term years).
    pub term_ends_on: Option<NaiveDate>,
    pub status: OrgStatus,
    pub dissolved_on: Option<NaiveDate>,
    pub counts: MemberCounts,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgCrumb {
    pub id: OrgId,
    pub name: String,
}

/// Members whose formal organisation relationship lies in an org's subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberCounts {
    pub formal: i64,
    pub probationary: i64,
    /// 入党申请人, 积极分子 and 发展对象 handled in the subtree.
    pub pipeline: i64,
}

impl MemberCounts {
    pub fn members(&self) -> i64 {
        self.formal + self.probationary
    }
}

/// One row of the tree browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgNode {
    pub id: OrgId,
    pub parent_id: Option<OrgId>,
    pub name: String,
    pub kind: OrgKind,
    pub status: OrgStatus,
    pub child_count: i64,
    pub counts: MemberCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgChildren {
    /// The org whose children these are; for the top level, the caller's scope roots.
    pub parent: Option<OrgNode>,
    pub children: Vec<OrgNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSearchHit {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub status: OrgStatus,
    /// Parent names joined with " / ".
    pub parent_names: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOrgRequest {
    pub parent_id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub sector: Sector,
    pub founded_on: Option<NaiveDate>,
    /// Defaults by kind (domain.md §4.2).
    pub term_years: Option<i32>,
    pub term_started_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateOrgRequest {
    /// The version read; a stale version gets 409.
    pub version: i32,
    pub name: String,
    pub sector: Sector,
    pub founded_on: Option<NaiveDate>,
    pub term_years: Option<i32>,
    pub term_started_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DissolveOrgRequest {
    pub version: i32,
    pub dissolved_on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveOrgRequest {
    pub version: i32,
    pub new_parent_id: OrgId,
}
