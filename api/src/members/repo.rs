//! The only diesel code of the members feature.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::{Education, Gender, MembershipStatus, Occupation};

use super::models::{NewPersonEvent, PersonFields, PersonRow};
use crate::auth::Reach;
use crate::clock::wall_now as now;
use crate::db::schema::{orgs, people, person_events};
use crate::db::{DbConnection, MultiBackend, expect_one_row, like_escape, subtree_bounds};
use crate::error::ApiError;
use crate::statistics::repo::history;

/// A member-list query after parsing: every filter optional, the scope mandatory.
#[derive(Debug, Clone, Default)]
pub struct MemberFilter {
    /// Subtree bounds of `orgs.path` to search in.
    pub subtree: Option<(String, String)>,
    /// Restricts to one record (a member looking at themselves).
    pub only_person: Option<i64>,
    pub statuses: Vec<MembershipStatus>,
    pub gender: Option<Gender>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    /// Born on or before this date (minimum age).
    pub born_on_or_before: Option<NaiveDate>,
    /// Born after this date (maximum age).
    pub born_after: Option<NaiveDate>,
    pub text: Option<String>,
    pub include_left: bool,
    /// (true: 少数民族, false: the majority), and the majority's name.
    pub minority: Option<(bool, String)>,
    /// 入党日期 within (from, to), both inclusive.
    pub joined: (Option<NaiveDate>, Option<NaiveDate>),
    /// 转正日期 within (from, to), both inclusive.
    pub full_member: (Option<NaiveDate>, Option<NaiveDate>),
}

impl MemberFilter {
    pub fn scoped(reach: &Reach) -> MemberFilter {
        let mut filter = MemberFilter::default();
        match reach {
            Reach::Everything => {}
            Reach::Subtree(lo, hi) => filter.subtree = Some((lo.clone(), hi.clone())),
            Reach::OwnRecord(person) => filter.only_person = Some(person.map_or(-1, |p| p.0)),
        }
        filter
    }

    pub fn within(&mut self, org_path: &str) {
        self.subtree = Some(subtree_bounds(org_path));
    }
}

fn filtered(f: &MemberFilter) -> people::BoxedQuery<'static, MultiBackend> {
    let mut query = people::table.into_boxed();
    if let Some((lo, hi)) = &f.subtree {
        let in_subtree = orgs::table.filter(orgs::path.ge(lo.clone()).and(orgs::path.lt(hi.clone()))).select(orgs::id);
        query = query.filter(people::org_id.eq_any(in_subtree));
    }
    if let Some(id) = f.only_person {
        query = query.filter(people::id.eq(id));
    }
    if !f.statuses.is_empty() {
        query = query.filter(
            people::membership_status.eq_any(f.statuses.iter().map(|s| s.code().to_string()).collect::<Vec<_>>()),
        );
    }
    if let Some(g) = f.gender {
        query = query.filter(people::gender.eq(g.code()));
    }
    if let Some(e) = f.education {
        query = query.filter(people::education.eq(e.code()));
    }
    if let Some(o) = f.occupation {
        query = query.filter(people::occupation.eq(o.code()));
    }
    if let Some(d) = f.born_on_or_before {
        query = query.filter(people::birth_date.le(d));
    }
    if let Some(d) = f.born_after {
        query = query.filter(people::birth_date.gt(d));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let anywhere = format!("%{}%", like_escape(text));
        let prefix = format!("{}%", like_escape(text));
        query = query.filter(
            people::name
                .like(anywhere)
                .escape('\\')
                .or(people::phone.like(prefix.clone()).escape('\\'))
                .or(people::employee_number.like(prefix).escape('\\')),
        );
    }
    if !f.include_left {
        query = query.filter(people::left_on.is_null());
    }
    match &f.minority {
        Some((true, majority)) => query = query.filter(people::ethnicity.ne(majority.clone())),
        Some((false, majority)) => query = query.filter(people::ethnicity.eq(majority.clone())),
        None => {}
    }
    if let Some(d) = f.joined.0 {
        query = query.filter(people::join_date.ge(d));
    }
    if let Some(d) = f.joined.1 {
        query = query.filter(people::join_date.le(d));
    }
    if let Some(d) = f.full_member.0 {
        query = query.filter(people::full_member_date.ge(d));
    }
    if let Some(d) = f.full_member.1 {
        query = query.filter(people::full_member_date.le(d));
    }
    query
}

/// One page in id order after `after_id`, plus the total matching the filter.
pub fn list(
    conn: &mut DbConnection,
    f: &MemberFilter,
    after_id: Option<i64>,
    limit: i64,
) -> Result<(Vec<PersonRow>, i64), ApiError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let mut query = filtered(f).order(people::id).limit(limit).select(PersonRow::as_select());
    if let Some(after) = after_id {
        query = query.filter(people::id.gt(after));
    }
    Ok((query.load(conn)?, total))
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<PersonRow, ApiError> {
    people::table
        .find(id)
        .select(PersonRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("人员"))
}

pub fn insert(conn: &mut DbConnection, org_id: i64, fields: &PersonFields) -> Result<i64, ApiError> {
    let now = now();
    let id = diesel::insert_into(people::table)
        .values((
            fields,
            people::org_id.eq(org_id),
            people::version.eq(1),
            people::created_at.eq(now),
            people::updated_at.eq(now),
        ))
        .returning(people::id)
        .get_result(conn)?;
    let since = fields.join_date.unwrap_or_else(history::beginning);
    history::record_person(conn, id, since)?;
    Ok(id)
}

pub fn update(conn: &mut DbConnection, id: i64, version: i32, fields: &PersonFields) -> Result<(), ApiError> {
    let updated = diesel::update(people::table.filter(people::id.eq(id).and(people::version.eq(version))))
        .set((fields, people::version.eq(version + 1), people::updated_at.eq(now())))
        .execute(conn)?;
    expect_one_row(updated)?;
    history::record_person(conn, id, now().date())
}

pub fn record_leave(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    kind: &str,
    on: NaiveDate,
    reason: &str,
) -> Result<(), ApiError> {
    let updated = diesel::update(people::table.filter(people::id.eq(id).and(people::version.eq(version))))
        .set((
            people::left_kind.eq(Some(kind)),
            people::left_on.eq(Some(on)),
            people::left_reason.eq(Some(reason)),
            people::version.eq(version + 1),
            people::updated_at.eq(now()),
        ))
        .execute(conn)?;
    expect_one_row(updated)?;
    history::record_person(conn, id, on)?;
    crate::committees::repo::vacate_person(conn, id, None, on, reason)?;
    Ok(())
}

pub fn move_to(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    org_id: i64,
    party_group_id: Option<i64>,
) -> Result<(), ApiError> {
    let updated = diesel::update(people::table.filter(people::id.eq(id).and(people::version.eq(version))))
        .set((
            people::org_id.eq(org_id),
            people::party_group_id.eq(party_group_id),
            people::version.eq(version + 1),
            people::updated_at.eq(now()),
        ))
        .execute(conn)?;
    expect_one_row(updated)?;
    // A committee member whose relationship leaves the org loses the post (domain.md §4.5).
    crate::committees::repo::vacate_person(conn, id, Some(org_id), now().date(), "组织关系转出")?;
    Ok(())
}

/// Records the event; a move, a transfer in or a leave also dates the person's history
/// (the people row was changed just before, without the business date).
pub fn insert_event(conn: &mut DbConnection, event: &NewPersonEvent) -> Result<(), ApiError> {
    diesel::insert_into(person_events::table).values(event).execute(conn)?;
    history::record_person(conn, event.person_id, event.on_date)
}

/// Names of the given orgs, for list rows (one query per page, not per row).
pub fn org_names(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<(i64, String)>, ApiError> {
    Ok(orgs::table.filter(orgs::id.eq_any(ids)).select((orgs::id, orgs::name)).load(conn)?)
}
