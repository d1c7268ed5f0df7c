//! Use cases of the orgs feature: scope checks, nesting rules, audit, views.

use chrono::NaiveDate;
use shared::api::orgs::*;
use shared::error::FieldError;
use shared::permissions::Action;
use shared::{OrgId, OrgKind, OrgStatus, RoleKind, Sector};

use super::models::{NewOrg, OrgRow};
use super::repo;
use crate::audit;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::ApiError;

fn kind_of(row: &OrgRow) -> OrgKind {
    OrgKind::from_code(&row.kind).unwrap_or(OrgKind::Branch)
}

fn node_of(row: &OrgRow, child_count: i64, counts: MemberCounts) -> OrgNode {
    OrgNode {
        id: OrgId(row.id),
        parent_id: row.parent_id.map(OrgId),
        name: row.name.clone(),
        kind: kind_of(row),
        status: OrgStatus::from_code(&row.status).unwrap_or(OrgStatus::Active),
        child_count,
        counts,
    }
}

/// Member counts are shown for orgs the role manages and for its own org, not for the orgs
/// above it (a branch member does not see institution-wide figures).
fn shows_counts(actor: &Actor, path: &str) -> bool {
    actor.manages_path(path) || actor.role.org_path == path
}

pub fn view(conn: &mut DbConnection, actor: &Actor, row: &OrgRow) -> Result<OrgView, ApiError> {
    let mut ancestors = repo::by_ids(conn, &row.path_ids())?;
    ancestors.sort_by_key(|o| o.depth);
    let counts = if shows_counts(actor, &row.path) {
        repo::sum_counts(&repo::people_counts_by_path(conn, &row.path)?, &row.path)
    } else {
        MemberCounts::default()
    };
    let term_ends_on = match (row.term_started_on, row.term_years) {
        (Some(start), Some(years)) => start.checked_add_months(chrono::Months::new(12 * years.max(0) as u32)),
        _ => None,
    };
    Ok(OrgView {
        id: OrgId(row.id),
        parent_id: row.parent_id.map(OrgId),
        path: row.path.clone(),
        breadcrumb: ancestors.iter().map(|o| OrgCrumb { id: OrgId(o.id), name: o.name.clone() }).collect(),
        name: row.name.clone(),
        kind: kind_of(row),
        sector: Sector::from_code(&row.sector).unwrap_or(Sector::Other),
        founded_on: row.founded_on,
        term_years: row.term_years,
        term_started_on: row.term_started_on,
        term_ends_on,
        status: OrgStatus::from_code(&row.status).unwrap_or(OrgStatus::Active),
        dissolved_on: row.dissolved_on,
        counts,
        version: row.version,
    })
}

/// Children of `parent_id` (or the caller's own top org), with subtree member counts:
/// three queries whatever the number of children.
pub fn children(conn: &mut DbConnection, actor: &Actor, parent_id: Option<i64>) -> Result<OrgChildren, ApiError> {
    let (parent, rows) = match parent_id {
        Some(id) => {
            let parent = repo::get(conn, id)?;
            if !actor.may_view_org(&parent.path) {
                return Err(actor.denial());
            }
            let rows = repo::children(conn, id)?;
            (Some(parent), rows)
        }
        None => {
            let top = if actor.role.kind == RoleKind::Department {
                repo::get(conn, root_of(&actor.role.org_path))?
            } else {
                repo::get(conn, actor.role.org_id.0)?
            };
            (None, vec![top])
        }
    };
    // Above its own org a role sees only the line down to that org, not the siblings.
    let rows: Vec<OrgRow> = rows.into_iter().filter(|r| actor.may_view_org(&r.path)).collect();
    let count_root =
        parent.as_ref().map_or_else(|| rows.first().map(|r| r.path.clone()).unwrap_or_default(), |p| p.path.clone());
    let counts = if count_root.is_empty() { Vec::new() } else { repo::people_counts_by_path(conn, &count_root)? };
    let ids: Vec<i64> = rows.iter().chain(parent.iter()).map(|r| r.id).collect();
    let child_counts = repo::child_counts(conn, &ids)?;
    let child_count = |id: i64| child_counts.iter().find(|(p, _)| *p == id).map_or(0, |(_, n)| *n);
    let counted = |o: &OrgRow| {
        if shows_counts(actor, &o.path) { repo::sum_counts(&counts, &o.path) } else { MemberCounts::default() }
    };
    Ok(OrgChildren {
        parent: parent.as_ref().map(|p| node_of(p, child_count(p.id), counted(p))),
        children: rows.iter().map(|r| node_of(r, child_count(r.id), counted(r))).collect(),
    })
}

fn root_of(path: &str) -> i64 {
    path.split('/').find_map(|s| s.parse().ok()).unwrap_or(1)
}

pub fn get(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<OrgView, ApiError> {
    let row = repo::get(conn, id)?;
    if !actor.may_view_org(&row.path) {
        return Err(actor.denial());
    }
    view(conn, actor, &row)
}

pub fn search(conn: &mut DbConnection, actor: &Actor, text: &str, limit: i64) -> Result<Vec<OrgSearchHit>, ApiError> {
    let rows = repo::search(conn, text.trim(), &actor.reach(), &actor.role.org_path, limit)?;
    hits(conn, &rows)
}

/// Search results named with their parents (the ancestors read in one query).
pub fn hits(conn: &mut DbConnection, rows: &[OrgRow]) -> Result<Vec<OrgSearchHit>, ApiError> {
    let mut ancestor_ids: Vec<i64> = rows.iter().flat_map(|r| r.path_ids()).collect();
    ancestor_ids.sort_unstable();
    ancestor_ids.dedup();
    let ancestors = repo::by_ids(conn, &ancestor_ids)?;
    let name_of = |id: i64| ancestors.iter().find(|a| a.id == id).map(|a| a.name.as_str()).unwrap_or("");
    Ok(rows
        .iter()
        .map(|r| {
            let ids = r.path_ids();
            OrgSearchHit {
                id: OrgId(r.id),
                name: r.name.clone(),
                kind: kind_of(r),
                status: OrgStatus::from_code(&r.status).unwrap_or(OrgStatus::Active),
                parent_names: ids[..ids.len().saturating_sub(1)]
                    .iter()
                    .map(|id| name_of(*id))
                    .collect::<Vec<_>>()
                    .join(" / "),
            }
        })
        .collect())
}

struct ValidOrgFields {
    name: String,
    term_years: Option<i32>,
}

fn validate_fields(
    name: &str,
    kind: OrgKind,
    term_years: Option<i32>,
    dates: [(&'static str, Option<chrono::NaiveDate>); 2],
) -> Result<ValidOrgFields, ApiError> {
    let mut errors = Vec::new();
    let today = shared::time::china_date(chrono::Utc::now());
    for (field, date) in dates {
        if date.is_some_and(|d| d < shared::limits::earliest_org_date() || d > today) {
            errors.push(FieldError::new(field, "out_of_range", "日期应在 1921-07-01 与今天之间"));
        }
    }
    let name = name.trim().to_string();
    if name.is_empty() {
        errors.push(FieldError::new("name", "required", "请填写组织名称"));
    } else if shared::limits::has_control_chars(&name) {
        errors.push(FieldError::new("name", "invalid", "组织名称不能包含控制字符"));
    } else if shared::limits::too_long(&name, shared::limits::ORG_NAME_MAX_CHARS) {
        let max = shared::limits::ORG_NAME_MAX_CHARS;
        errors.push(FieldError::new("name", "too_long", format!("组织名称不能超过{max}个字")));
    }
    let term_years = term_years.or(kind.default_term_years());
    if term_years.is_some_and(|y| !(1..=5).contains(&y)) {
        errors.push(FieldError::new("term_years", "out_of_range", "任期应为1至5年（党章：三年至五年）"));
    }
    if errors.is_empty() { Ok(ValidOrgFields { name, term_years }) } else { Err(ApiError::validation(errors)) }
}

fn require_active(row: &OrgRow) -> Result<(), ApiError> {
    if row.status == OrgStatus::Active.code() { Ok(()) } else { Err(ApiError::invalid_state("该组织已撤销")) }
}

pub fn create(conn: &mut DbConnection, actor: &Actor, req: &CreateOrgRequest) -> Result<OrgView, ApiError> {
    crate::orgs::repo::lock_tree(conn)?;
    let parent =
        repo::get(conn, req.parent_id.0).map_err(|_| ApiError::field("parent_id", "not_found", "上级组织不存在"))?;
    actor.require(Action::ManageOrgs, &parent.path)?;
    require_active(&parent)?;
    if !kind_of(&parent).may_contain(req.kind) {
        return Err(ApiError::field(
            "kind",
            "nesting",
            format!("{}下不能设立{}", kind_of(&parent).label(), req.kind.label()),
        ));
    }
    let dates = [("founded_on", req.founded_on), ("term_started_on", req.term_started_on)];
    let fields = validate_fields(&req.name, req.kind, req.term_years, dates)?;
    let now = now();
    let id = repo::insert(
        conn,
        Some(&parent),
        NewOrg {
            parent_id: Some(parent.id),
            path: &format!("{}pending-{}/", parent.path, crate::auth::session::new_token()),
            depth: parent.depth + 1,
            name: &fields.name,
            kind: req.kind.code(),
            sector: req.sector.code(),
            founded_on: req.founded_on,
            term_years: fields.term_years,
            term_started_on: req.term_started_on,
            status: OrgStatus::Active.code(),
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )?;
    let row = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "create", "org", id, None::<&()>, Some(&row))?;
    view(conn, actor, &row)
}

pub fn update(conn: &mut DbConnection, actor: &Actor, id: i64, req: &UpdateOrgRequest) -> Result<OrgView, ApiError> {
    crate::orgs::repo::lock_tree(conn)?;
    let before = repo::get(conn, id)?;
    actor.require(Action::ManageOrgs, &before.path)?;
    require_active(&before)?;
    let dates = [("founded_on", req.founded_on), ("term_started_on", req.term_started_on)];
    let fields = validate_fields(&req.name, kind_of(&before), req.term_years, dates)?;
    repo::update_fields(
        conn,
        id,
        req.version,
        repo::OrgFields {
            name: &fields.name,
            sector: req.sector.code(),
            founded_on: req.founded_on,
            term_years: fields.term_years,
            term_started_on: req.term_started_on,
        },
    )?;
    let after = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "update", "org", id, Some(&before), Some(&after))?;
    view(conn, actor, &after)
}

/// The org a role is scoped to cannot be dissolved or moved by that role itself.
fn require_below_own_scope(actor: &Actor, row: &OrgRow) -> Result<(), ApiError> {
    if actor.role.kind != RoleKind::Department && row.path == actor.role.org_path {
        return Err(ApiError::forbidden("不能撤销或移动本级组织，请由上级组织操作"));
    }
    actor.require(Action::ManageOrgs, &row.path)
}

pub fn dissolve(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    id: i64,
    req: &DissolveOrgRequest,
) -> Result<OrgView, ApiError> {
    crate::orgs::repo::lock_tree(conn)?;
    let before = repo::get(conn, id)?;
    require_below_own_scope(actor, &before)?;
    require_active(&before)?;
    if before.parent_id.is_none() {
        return Err(ApiError::invalid_state("不能撤销最上级党组织"));
    }
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::field("reason", "required", "请填写撤销原因"));
    }
    if req.dissolved_on > today {
        return Err(ApiError::field("dissolved_on", "in_future", "撤销日期不能晚于今天"));
    }
    let (children, people) = repo::occupancy(conn, &before)?;
    if children > 0 || people > 0 {
        return Err(ApiError::invalid_state(format!(
            "该组织下还有{children}个下级组织、{people}名人员，请先转移后再撤销"
        )));
    }
    repo::dissolve(conn, id, req.version, req.dissolved_on, reason)?;
    let after = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "dissolve", "org", id, Some(&before), Some(&after))?;
    view(conn, actor, &after)
}

pub fn move_org(conn: &mut DbConnection, actor: &Actor, id: i64, req: &MoveOrgRequest) -> Result<OrgView, ApiError> {
    crate::orgs::repo::lock_tree(conn)?;
    let before = repo::get(conn, id)?;
    require_below_own_scope(actor, &before)?;
    require_active(&before)?;
    let new_parent = repo::get(conn, req.new_parent_id.0)
        .map_err(|_| ApiError::field("new_parent_id", "not_found", "目标上级组织不存在"))?;
    actor.require(Action::ManageOrgs, &new_parent.path)?;
    require_active(&new_parent)?;
    if new_parent.path.starts_with(&before.path) {
        return Err(ApiError::field("new_parent_id", "cycle", "不能移动到本组织或其下级组织之下"));
    }
    if !kind_of(&new_parent).may_contain(kind_of(&before)) {
        return Err(ApiError::field(
            "new_parent_id",
            "nesting",
            format!("{}下不能设立{}", kind_of(&new_parent).label(), kind_of(&before).label()),
        ));
    }
    repo::move_subtree(conn, &before, req.version, &new_parent)?;
    let after = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "move", "org", id, Some(&before), Some(&after))?;
    view(conn, actor, &after)
}
