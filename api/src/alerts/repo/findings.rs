//! The SQL behind the alert rules: counts grouped in the database, subjects filtered there.

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;
use shared::{MembershipStatus, OrgKind, RoleKind};

use crate::db::DbConnection;
use crate::db::schema::{committee_members, orgs, people, role_assignments, workflow_instances};
use crate::error::ApiError;

const BRANCH_KINDS: [&str; 2] = ["branch", "joint_branch"];

/// Active branches: (id, name, has an elected committee (a term on record)).
pub fn branches(conn: &mut DbConnection) -> Result<Vec<(i64, String, bool)>, ApiError> {
    debug_assert_eq!(BRANCH_KINDS, [OrgKind::Branch.code(), OrgKind::JointBranch.code()]);
    let rows: Vec<(i64, String, Option<NaiveDate>)> = orgs::table
        .filter(orgs::kind.eq_any(BRANCH_KINDS).and(orgs::status.eq("active")))
        .select((orgs::id, orgs::name, orgs::term_started_on))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, name, term)| (id, name, term.is_some())).collect())
}

/// Current members per branch and status (正式, 预备): (org, status, count).
pub fn member_counts(conn: &mut DbConnection) -> Result<Vec<(i64, String, i64)>, ApiError> {
    Ok(people::table
        .filter(people::left_on.is_null())
        .filter(
            people::membership_status.eq_any([MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]),
        )
        .group_by((people::org_id, people::membership_status))
        .select((people::org_id, people::membership_status, count_star()))
        .load(conn)?)
}

/// Branches with an active 书记 (a 党支部 role titled 书记).
/// Branches with a 书记: a seat on record, or (records from before committees) a titled role.
pub fn branches_with_secretary(conn: &mut DbConnection) -> Result<Vec<i64>, ApiError> {
    let mut orgs: Vec<i64> = role_assignments::table
        .filter(role_assignments::kind.eq(RoleKind::Branch.code()))
        .filter(role_assignments::title.eq("书记"))
        .filter(role_assignments::revoked_at.is_null())
        .select(role_assignments::org_id)
        .distinct()
        .load(conn)?;
    orgs.extend(
        committee_members::table
            .filter(committee_members::left_on.is_null().and(committee_members::post.eq("secretary")))
            .select(committee_members::org_id)
            .load::<i64>(conn)?,
    );
    orgs.sort_unstable();
    orgs.dedup();
    Ok(orgs)
}

/// Active orgs with a term: (id, name, start, years).
pub fn terms(conn: &mut DbConnection) -> Result<Vec<(i64, String, NaiveDate, i32)>, ApiError> {
    Ok(crate::notify::reminders::repo::orgs_with_terms(conn)?
        .into_iter()
        .map(|(id, _, name, start, years)| (id, name, start, years))
        .collect())
}

/// 预备党员 who joined on or before `joined_by` (their probation has ended): (person, org, name, joined).
pub fn probation_ended(
    conn: &mut DbConnection,
    joined_by: NaiveDate,
) -> Result<Vec<(i64, i64, String, NaiveDate)>, ApiError> {
    let rows: Vec<(i64, i64, String, Option<NaiveDate>)> = people::table
        .filter(people::left_on.is_null())
        .filter(people::membership_status.eq(MembershipStatus::Probationary.code()))
        .filter(people::join_date.le(joined_by))
        .select((people::id, people::org_id, people::name, people::join_date))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, org, name, joined)| Some((id, org, name, joined?))).collect())
}

/// (instance, person, org, step, due)
pub type OverdueCase = (i64, i64, i64, i32, NaiveDate);

/// Active development cases past their step's deadline.
pub fn development_overdue(conn: &mut DbConnection, today: NaiveDate) -> Result<Vec<OverdueCase>, ApiError> {
    type Row = (i64, i64, i64, i32, Option<NaiveDate>);
    let rows: Vec<Row> = workflow_instances::table
        .filter(workflow_instances::process.eq(crate::development::process::PROCESS))
        .filter(workflow_instances::status.eq("active"))
        .filter(workflow_instances::due_on.lt(today))
        .select((
            workflow_instances::id,
            workflow_instances::subject_person_id,
            workflow_instances::org_id,
            workflow_instances::step,
            workflow_instances::due_on,
        ))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, person, org, step, due)| Some((id, person, org, step, due?))).collect())
}
