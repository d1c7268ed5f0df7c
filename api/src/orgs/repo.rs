//! The only diesel code of the orgs feature.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::api::orgs::MemberCounts;
use shared::{MembershipStatus, OrgStatus};

use super::models::{NewOrg, OrgRow};
use crate::auth::Reach;
use crate::clock::wall_now as now;
use crate::db::schema::{orgs, people};
use crate::db::{DbConnection, expect_one_row, subtree_bounds};
use crate::error::ApiError;
use crate::statistics::repo::history;

pub fn get(conn: &mut DbConnection, id: i64) -> Result<OrgRow, ApiError> {
    orgs::table.find(id).select(OrgRow::as_select()).first(conn).optional()?.ok_or_else(|| ApiError::not_found("组织"))
}

pub fn by_ids(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<OrgRow>, ApiError> {
    Ok(orgs::table.filter(orgs::id.eq_any(ids)).select(OrgRow::as_select()).load(conn)?)
}

pub fn children(conn: &mut DbConnection, parent_id: i64) -> Result<Vec<OrgRow>, ApiError> {
    Ok(orgs::table.filter(orgs::parent_id.eq(parent_id)).order(orgs::id).select(OrgRow::as_select()).load(conn)?)
}

/// The whole subtree under `path` (itself included), parents before children.
pub fn subtree(conn: &mut DbConnection, path: &str) -> Result<Vec<OrgRow>, ApiError> {
    let (lo, hi) = subtree_bounds(path);
    Ok(orgs::table
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .order((orgs::depth, orgs::id))
        .select(OrgRow::as_select())
        .load(conn)?)
}

/// The root of the tree (the institution), if one exists.
pub fn root_id(conn: &mut DbConnection) -> Result<Option<i64>, ApiError> {
    Ok(orgs::table.filter(orgs::parent_id.is_null()).order(orgs::id).select(orgs::id).first(conn).optional()?)
}

/// Number of direct children of each of `parent_ids`.
pub fn child_counts(conn: &mut DbConnection, parent_ids: &[i64]) -> Result<Vec<(i64, i64)>, ApiError> {
    let rows: Vec<(Option<i64>, i64)> = orgs::table
        .filter(orgs::parent_id.eq_any(parent_ids))
        .group_by(orgs::parent_id)
        .select((orgs::parent_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(p, n)| p.map(|p| (p, n))).collect())
}

/// Current (not left) people per org path and status in the subtree under `path`: one
/// grouped query; callers add the rows up per node.
pub fn people_counts_by_path(conn: &mut DbConnection, path: &str) -> Result<Vec<(String, String, i64)>, ApiError> {
    let (lo, hi) = subtree_bounds(path);
    Ok(people::table
        .inner_join(orgs::table.on(orgs::id.eq(people::org_id)))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(people::left_on.is_null())
        .group_by((orgs::path, people::membership_status))
        .select((orgs::path, people::membership_status, diesel::dsl::count_star()))
        .load(conn)?)
}

/// Adds up the grouped counts of every org whose path starts with `path`.
pub fn sum_counts(rows: &[(String, String, i64)], path: &str) -> MemberCounts {
    let mut counts = MemberCounts::default();
    for (org_path, status, n) in rows.iter().filter(|(p, _, _)| p.starts_with(path)) {
        match MembershipStatus::from_code(status) {
            Some(MembershipStatus::Formal) => counts.formal += n,
            Some(MembershipStatus::Probationary) => counts.probationary += n,
            Some(MembershipStatus::Masses) | None => {}
            Some(_) => counts.pipeline += n,
        }
        let _ = org_path;
    }
    counts
}

pub fn search(
    conn: &mut DbConnection,
    text: &str,
    reach: &Reach,
    own_path: &str,
    limit: i64,
) -> Result<Vec<OrgRow>, ApiError> {
    let pattern = format!("%{}%", crate::db::like_escape(text));
    let mut query = orgs::table
        .filter(orgs::name.like(pattern).escape('\\'))
        .order((orgs::depth, orgs::id))
        .limit(limit)
        .select(OrgRow::as_select())
        .into_boxed();
    match reach {
        Reach::Everything => {}
        Reach::Subtree(lo, hi) => query = query.filter(orgs::path.ge(lo.clone()).and(orgs::path.lt(hi.clone()))),
        Reach::OwnRecord(_) => query = query.filter(orgs::path.eq(own_path.to_string())),
    }
    Ok(query.load(conn)?)
}

/// Active branches that hold members (党支部, 联合党支部, 党总支) anywhere, by name: the
/// receiving side a transfer may name.
pub fn search_branches(conn: &mut DbConnection, text: &str, limit: i64) -> Result<Vec<OrgRow>, ApiError> {
    let pattern = format!("%{}%", crate::db::like_escape(text));
    Ok(orgs::table
        .filter(orgs::name.like(pattern).escape('\\'))
        .filter(orgs::kind.eq_any(["branch", "joint_branch", "general_branch"]).and(orgs::status.eq("active")))
        .order((orgs::depth, orgs::id))
        .limit(limit)
        .select(OrgRow::as_select())
        .load(conn)?)
}

/// Inserts an org under `parent` and gives it its materialised path.
pub fn insert(conn: &mut DbConnection, parent: Option<&OrgRow>, new: NewOrg) -> Result<i64, ApiError> {
    let id: i64 = diesel::insert_into(orgs::table).values(&new).returning(orgs::id).get_result(conn)?;
    let path = format!("{}{id}/", parent.map_or("/", |p| p.path.as_str()));
    diesel::update(orgs::table.find(id)).set(orgs::path.eq(path)).execute(conn)?;
    let since = new.founded_on.unwrap_or_else(history::beginning);
    history::record_org(conn, id, since)?;
    Ok(id)
}

pub struct OrgFields<'a> {
    pub name: &'a str,
    pub sector: &'a str,
    pub founded_on: Option<NaiveDate>,
    pub term_years: Option<i32>,
    pub term_started_on: Option<NaiveDate>,
}

pub fn update_fields(conn: &mut DbConnection, id: i64, version: i32, f: OrgFields) -> Result<(), ApiError> {
    let updated = diesel::update(orgs::table.filter(orgs::id.eq(id).and(orgs::version.eq(version))))
        .set((
            orgs::name.eq(f.name),
            orgs::sector.eq(f.sector),
            orgs::founded_on.eq(f.founded_on),
            orgs::term_years.eq(f.term_years),
            orgs::term_started_on.eq(f.term_started_on),
            orgs::version.eq(version + 1),
            orgs::updated_at.eq(now()),
        ))
        .execute(conn)?;
    expect_one_row(updated)
}

pub fn dissolve(conn: &mut DbConnection, id: i64, version: i32, on: NaiveDate, reason: &str) -> Result<(), ApiError> {
    let updated = diesel::update(orgs::table.filter(orgs::id.eq(id).and(orgs::version.eq(version))))
        .set((
            orgs::status.eq(OrgStatus::Dissolved.code()),
            orgs::dissolved_on.eq(Some(on)),
            orgs::dissolve_reason.eq(Some(reason)),
            orgs::version.eq(version + 1),
            orgs::updated_at.eq(now()),
        ))
        .execute(conn)?;
    expect_one_row(updated)?;
    history::record_org(conn, id, on)
}

/// Re-parents `org` under `new_parent`, rewriting the paths and depths of its whole subtree.
pub fn move_subtree(conn: &mut DbConnection, org: &OrgRow, version: i32, new_parent: &OrgRow) -> Result<(), ApiError> {
    let updated = diesel::update(orgs::table.filter(orgs::id.eq(org.id).and(orgs::version.eq(version))))
        .set((orgs::parent_id.eq(Some(new_parent.id)), orgs::version.eq(version + 1), orgs::updated_at.eq(now())))
        .execute(conn)?;
    expect_one_row(updated)?;
    let new_prefix = format!("{}{}/", new_parent.path, org.id);
    let depth_shift = new_parent.depth + 1 - org.depth;
    for row in subtree(conn, &org.path)? {
        let new_path = format!("{new_prefix}{}", &row.path[org.path.len()..]);
        diesel::update(orgs::table.find(row.id))
            .set((orgs::path.eq(new_path), orgs::depth.eq(row.depth + depth_shift)))
            .execute(conn)?;
    }
    history::record_subtree(conn, &new_prefix, now().date())
}

/// Active (not dissolved) children and current people directly or indirectly under `path`.
pub fn occupancy(conn: &mut DbConnection, org: &OrgRow) -> Result<(i64, i64), ApiError> {
    let (lo, hi) = subtree_bounds(&org.path);
    let active_children: i64 = orgs::table
        .filter(orgs::parent_id.eq(org.id).and(orgs::status.eq(OrgStatus::Active.code())))
        .count()
        .get_result(conn)?;
    let people: i64 = people::table
        .inner_join(orgs::table.on(orgs::id.eq(people::org_id)))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(people::left_on.is_null())
        .count()
        .get_result(conn)?;
    Ok((active_children, people))
}

/// Serialises changes to the org tree's shape (create, move, dissolve) and to who sits where
/// (member create and move) until the transaction ends, so a move never races a create under
/// the moved subtree, two crossed moves cannot make a cycle, and nobody joins an org being
/// dissolved. Paths read after this are current.
pub fn lock_tree(conn: &mut DbConnection) -> Result<(), ApiError> {
    crate::db::lock_key(conn, "org-tree")
}

/// Which of `ids` have orgs below them (other than 党小组).
pub fn with_children(conn: &mut DbConnection, ids: &[i64]) -> Result<std::collections::HashSet<i64>, ApiError> {
    let parents: Vec<Option<i64>> = orgs::table
        .filter(orgs::parent_id.eq_any(ids.to_vec()))
        .filter(orgs::kind.ne(shared::OrgKind::PartyGroup.code()))
        .select(orgs::parent_id)
        .distinct()
        .load(conn)?;
    Ok(parents.into_iter().flatten().collect())
}
