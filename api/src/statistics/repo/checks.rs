//! The queries of the consistency check before export (domain.md §6.1), each limited to the
//! scope's subtree and to `LIMIT` findings: (person, name, org).

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{MEMBER_STATUSES, subtree_ids};
use crate::db::DbConnection;
use crate::db::schema::{audit_log, committee_members as cm, meeting_ratings, meetings, member_periods as mp, people};
use crate::error::ApiError;

pub const LIMIT: i64 = 200;

pub type Finding = (i64, String, i64);

/// Person ids the audit log knows that are no longer in `people` (a record was deleted).
pub fn deleted_people(conn: &mut DbConnection) -> Result<Vec<i64>, ApiError> {
    let ids = people::table.select(people::id);
    Ok(audit_log::table
        .filter(audit_log::entity.eq("person"))
        .filter(diesel::dsl::not(audit_log::entity_id.eq_any(ids)))
        .select(audit_log::entity_id)
        .distinct()
        .limit(LIMIT)
        .load(conn)?)
}

/// Open committee seats under `path` whose holder is not a current member of the seat's org
/// or of an org below it (a 党委's members hold their relationship in its branches).
pub fn seats_without_member(conn: &mut DbConnection, path: &str) -> Result<Vec<Finding>, ApiError> {
    let seats: Vec<(i64, String, i64, i64, Option<NaiveDate>, String)> = cm::table
        .inner_join(people::table)
        .filter(cm::left_on.is_null())
        .filter(cm::org_id.eq_any(subtree_ids!(path)))
        .select((people::id, people::name, cm::org_id, people::org_id, people::left_on, people::membership_status))
        .load(conn)?;
    let mut ids: Vec<i64> = seats.iter().flat_map(|s| [s.2, s.3]).collect();
    ids.sort_unstable();
    ids.dedup();
    let paths: std::collections::HashMap<i64, String> =
        crate::orgs::repo::by_ids(conn, &ids)?.into_iter().map(|o| (o.id, o.path)).collect();
    let path_of = |id: i64| paths.get(&id).map(String::as_str).unwrap_or("");
    Ok(seats
        .into_iter()
        .filter(|(_, _, seat_org, org, left, status)| {
            left.is_some()
                || !MEMBER_STATUSES.contains(&status.as_str())
                || !path_of(*org).starts_with(path_of(*seat_org))
        })
        .map(|(id, name, seat_org, _, _, _)| (id, name, seat_org))
        .take(LIMIT as usize)
        .collect())
}

/// Current people whose dates are out of order: 转正 before 入党, 入党 before 18, left before
/// 入党.
pub fn dates_out_of_order(conn: &mut DbConnection, path: &str) -> Result<Vec<(Finding, String)>, ApiError> {
    type Dated = (i64, String, i64, NaiveDate, Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>);
    let rows: Vec<Dated> = people::table
        .filter(people::org_id.eq_any(subtree_ids!(path)))
        .filter(
            people::full_member_date
                .lt(people::join_date)
                .or(people::left_on.lt(people::join_date))
                .or(people::join_date.le(people::birth_date.nullable())),
        )
        .select((
            people::id,
            people::name,
            people::org_id,
            people::birth_date,
            people::join_date,
            people::full_member_date,
            people::left_on,
        ))
        .limit(LIMIT)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, org, birth, join, full, left)| {
            let what = match (join, full, left) {
                (Some(j), Some(f), _) if f < j => format!("转正日期 {f} 早于入党日期 {j}"),
                (Some(j), _, Some(l)) if l < j => format!("离开日期 {l} 早于入党日期 {j}"),
                (Some(j), _, _) => format!("入党日期 {j} 不晚于出生日期 {birth}"),
                _ => "日期顺序有误".into(),
            };
            ((id, name, org), what)
        })
        .collect())
}

/// Current members who joined before their 18th birthday (whole years need the calendar, so
/// the scope's members are read and compared in Rust).
pub fn joined_under_age(conn: &mut DbConnection, path: &str) -> Result<Vec<(Finding, NaiveDate, NaiveDate)>, ApiError> {
    let rows: Vec<(i64, String, i64, NaiveDate, Option<NaiveDate>)> = people::table
        .filter(people::org_id.eq_any(subtree_ids!(path)))
        .filter(people::left_on.is_null())
        .filter(people::membership_status.eq_any(MEMBER_STATUSES))
        .select((people::id, people::name, people::org_id, people::birth_date, people::join_date))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, org, birth, join)| {
            let join = join?;
            (shared::rules::statistics::whole_years(birth, join) < 18).then_some(((id, name, org), birth, join))
        })
        .take(LIMIT as usize)
        .collect())
}

/// People whose open history period disagrees with their record (org or status).
pub fn history_drift(conn: &mut DbConnection, path: &str) -> Result<Vec<Finding>, ApiError> {
    Ok(mp::table
        .inner_join(people::table)
        .filter(mp::valid_to.is_null())
        .filter(people::org_id.eq_any(subtree_ids!(path)))
        .filter(mp::org_id.ne(people::org_id).or(mp::membership_status.ne(people::membership_status)))
        .select((people::id, people::name, people::org_id))
        .limit(LIMIT)
        .load(conn)?)
}

/// 民主评议 entries without the committee's rating, at meetings held in the period:
/// (person, name, meeting).
pub fn unrated_reviews(
    conn: &mut DbConnection,
    path: &str,
    (from, on): (NaiveDate, NaiveDate),
) -> Result<Vec<Finding>, ApiError> {
    Ok(meeting_ratings::table
        .inner_join(meetings::table)
        .inner_join(people::table)
        .filter(meetings::held_on.ge(from).and(meetings::held_on.le(on)))
        .filter(meetings::status.ne("cancelled"))
        .filter(meetings::org_id.eq_any(subtree_ids!(path)))
        .filter(meeting_ratings::committee_rating.is_null())
        .select((people::id, people::name, meetings::id))
        .limit(LIMIT)
        .load(conn)?)
}
