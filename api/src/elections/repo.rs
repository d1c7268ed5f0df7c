//! Queries of elections: the case rows (filtered by org subtree in SQL), the roll, and the
//! subtree's terms.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::MembershipStatus;

use super::models::{ElectionRow, NewElection};
use crate::db::schema::{elections, orgs, people};
use crate::db::{DbConnection, expect_one_row};
use crate::error::ApiError;
use crate::workflow::InstanceRow;

pub fn insert(conn: &mut DbConnection, new: &NewElection) -> Result<i64, ApiError> {
    diesel::insert_into(elections::table).values(new).returning(elections::id).get_result(conn).map_err(|e| {
        match ApiError::from(e) {
            err if err.code == shared::error::ErrorCode::Duplicate => {
                ApiError::invalid_state("该组织已有正在办理的选举，请先办结")
            }
            err => err,
        }
    })
}

pub fn by_instance(conn: &mut DbConnection, instance: i64) -> Result<ElectionRow, ApiError> {
    elections::table
        .filter(elections::instance_id.eq(instance))
        .select(ElectionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("选举"))
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<ElectionRow, ApiError> {
    elections::table
        .find(id)
        .select(ElectionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("选举"))
}

pub fn close(conn: &mut DbConnection, id: i64, new_org: Option<i64>) -> Result<(), ApiError> {
    let n = diesel::update(elections::table.find(id))
        .set((elections::is_open.eq(false), elections::new_org_id.eq(new_org)))
        .execute(conn)?;
    expect_one_row(n)
}

pub fn open_for_org(conn: &mut DbConnection, org_id: i64) -> Result<Option<i64>, ApiError> {
    Ok(elections::table
        .filter(elections::org_id.eq(org_id).and(elections::is_open.eq(true)))
        .select(elections::id)
        .first(conn)
        .optional()?)
}

/// Open elections of the given orgs: (org, election).
pub fn open_for_orgs(conn: &mut DbConnection, org_ids: &[i64]) -> Result<Vec<(i64, i64)>, ApiError> {
    Ok(elections::table
        .filter(elections::org_id.eq_any(org_ids).and(elections::is_open.eq(true)))
        .select((elections::org_id, elections::id))
        .load(conn)?)
}

/// Elections of orgs in the path bounds, newest first, with their instances.
pub fn list(
    conn: &mut DbConnection,
    bounds: Option<(String, String)>,
    open_only: bool,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<(ElectionRow, InstanceRow)>, ApiError> {
    use crate::db::schema::workflow_instances;
    let mut query = elections::table
        .inner_join(workflow_instances::table)
        .order(elections::id.desc())
        .limit(limit)
        .select((ElectionRow::as_select(), InstanceRow::as_select()))
        .into_boxed();
    if let Some((lo, hi)) = bounds {
        let inside = orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id);
        query = query.filter(elections::org_id.eq_any(inside));
    }
    if open_only {
        query = query.filter(elections::is_open.eq(true));
    }
    if let Some(before) = before_id {
        query = query.filter(elections::id.lt(before));
    }
    Ok(query.load(conn)?)
}

/// 正式党员 among `ids` (a founding's roll) or in `org`, not left: (id, name, 转正 date).
pub fn full_members(
    conn: &mut DbConnection,
    org: Option<i64>,
    ids: Option<&[i64]>,
) -> Result<Vec<(i64, String, Option<NaiveDate>)>, ApiError> {
    let mut query = people::table
        .filter(people::left_on.is_null())
        .filter(people::membership_status.eq(MembershipStatus::Formal.code()))
        .select((people::id, people::name, people::full_member_date))
        .into_boxed();
    if let Some(org) = org {
        query = query.filter(people::org_id.eq(org));
    }
    if let Some(ids) = ids {
        query = query.filter(people::id.eq_any(ids.to_vec()));
    }
    Ok(query.load(conn)?)
}

/// How many 正式 and 预备 members `ids` holds, or `org` has.
pub fn roll_counts(conn: &mut DbConnection, org: Option<i64>, ids: Option<&[i64]>) -> Result<(i64, i64), ApiError> {
    use diesel::dsl::count_star;
    let mut query = people::table
        .filter(people::left_on.is_null())
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
        .group_by(people::membership_status)
        .select((people::membership_status, count_star()))
        .into_boxed();
    if let Some(org) = org {
        query = query.filter(people::org_id.eq(org));
    }
    if let Some(ids) = ids {
        query = query.filter(people::id.eq_any(ids.to_vec()));
    }
    let rows: Vec<(String, i64)> = query.load(conn)?;
    let of = |s: MembershipStatus| rows.iter().find(|r| r.0 == s.code()).map_or(0, |r| r.1);
    Ok((of(MembershipStatus::Formal), of(MembershipStatus::Probationary)))
}

/// People by id: (id, name, org, status, 转正 date, left).
#[allow(clippy::type_complexity)]
pub fn people_brief(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<Vec<(i64, String, i64, String, Option<NaiveDate>, Option<NaiveDate>)>, ApiError> {
    Ok(people::table
        .filter(people::id.eq_any(ids.to_vec()))
        .select((
            people::id,
            people::name,
            people::org_id,
            people::membership_status,
            people::full_member_date,
            people::left_on,
        ))
        .load(conn)?)
}

/// A term of `term_years` years started on `term_started_on` ends before `$x + $y years`… written
/// out for each possible length (1–5 years, as validated), so the filter stays portable SQL.
macro_rules! ends_before {
    ($cut:expr) => {{
        let cut: [NaiveDate; 5] = $cut;
        orgs::term_years
            .eq(1)
            .and(orgs::term_started_on.lt(cut[0]))
            .or(orgs::term_years.eq(2).and(orgs::term_started_on.lt(cut[1])))
            .or(orgs::term_years.eq(3).and(orgs::term_started_on.lt(cut[2])))
            .or(orgs::term_years.eq(4).and(orgs::term_started_on.lt(cut[3])))
            .or(orgs::term_years.eq(5).and(orgs::term_started_on.lt(cut[4])))
    }};
}

/// The start dates a term of 1–5 years must be before to end before `day`.
fn starts_for(day: NaiveDate) -> [NaiveDate; 5] {
    std::array::from_fn(|i| day.checked_sub_months(chrono::Months::new(12 * (i as u32 + 1))).unwrap_or(day))
}

/// Orgs with a committee (branches, 总支, 党委) in the bounds whose term is in `state` on
/// `today` (半年内届满: ends within six months).
fn terms_query(
    bounds: Option<(String, String)>,
    state: Option<shared::api::elections::TermState>,
    today: NaiveDate,
) -> orgs::BoxedQuery<'static, crate::db::MultiBackend> {
    use shared::api::elections::TermState;
    let kinds = [
        shared::OrgKind::Branch.code(),
        shared::OrgKind::JointBranch.code(),
        shared::OrgKind::GeneralBranch.code(),
        shared::OrgKind::Committee.code(),
    ];
    let mut query = orgs::table.filter(orgs::status.eq("active").and(orgs::kind.eq_any(kinds))).into_boxed();
    if let Some((lo, hi)) = bounds {
        query = query.filter(orgs::path.ge(lo).and(orgs::path.lt(hi)));
    }
    let half_year = today.checked_add_months(chrono::Months::new(6)).unwrap_or(today);
    match state {
        None => query,
        Some(TermState::Unset) => query.filter(orgs::term_started_on.is_null().or(orgs::term_years.is_null())),
        Some(TermState::Overdue) => query.filter(ends_before!(starts_for(today))),
        Some(TermState::Expiring) => query
            .filter(ends_before!(starts_for(half_year + chrono::Duration::days(1))))
            .filter(diesel::dsl::not(ends_before!(starts_for(today)))),
        Some(TermState::Running) => query
            .filter(orgs::term_started_on.is_not_null())
            .filter(diesel::dsl::not(ends_before!(starts_for(half_year + chrono::Duration::days(1))))),
    }
}

/// The orgs of `terms_query`, by id (keyset `after_id`).
pub fn terms_page(
    conn: &mut DbConnection,
    bounds: Option<(String, String)>,
    state: Option<shared::api::elections::TermState>,
    today: NaiveDate,
    after_id: Option<i64>,
    limit: i64,
) -> Result<Vec<crate::orgs::models::OrgRow>, ApiError> {
    use crate::orgs::models::OrgRow;
    let mut query = terms_query(bounds, state, today).order(orgs::id.asc()).limit(limit).select(OrgRow::as_select());
    if let Some(after) = after_id {
        query = query.filter(orgs::id.gt(after));
    }
    Ok(query.load(conn)?)
}

/// How many orgs `terms_query` finds, counted in SQL.
pub fn terms_count(
    conn: &mut DbConnection,
    bounds: (String, String),
    state: shared::api::elections::TermState,
    today: NaiveDate,
) -> Result<i64, ApiError> {
    Ok(terms_query(Some(bounds), Some(state), today).count().get_result(conn)?)
}
