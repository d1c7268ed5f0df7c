//! The periods behind statistics as of a date. Each repo function that changes where a
//! person's relationship is held, their membership status, or an org's place in the tree calls
//! in here in the same transaction, so the history cannot drift from the record; the
//! consistency check compares the open periods with the records as well.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{member_periods as mp, org_periods as op, orgs, people};
use crate::error::ApiError;

/// Valid from the beginning when nothing better is known (records entered without dates).
pub fn beginning() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date")
}

/// Brings the person's open period in line with their record, effective `on`: closes the open
/// period if the org or status changed (or the person left) and opens the new one. A change
/// dated on or before the open period's start corrects that period instead.
pub fn record_person(conn: &mut DbConnection, person_id: i64, on: NaiveDate) -> Result<(), ApiError> {
    let (org_id, status, left_kind, left_on): (i64, String, Option<String>, Option<NaiveDate>) = people::table
        .find(person_id)
        .select((people::org_id, people::membership_status, people::left_kind, people::left_on))
        .first(conn)?;
    if left_kind.as_deref() == Some(crate::transfers::repo::people::PENDING_IN) {
        // Someone on an incoming letter is not on the roll until accepted: no history yet.
        diesel::delete(mp::table.filter(mp::person_id.eq(person_id))).execute(conn)?;
        return Ok(());
    }
    let open: Option<(i64, i64, String, NaiveDate)> = mp::table
        .filter(mp::person_id.eq(person_id).and(mp::valid_to.is_null()))
        .select((mp::id, mp::org_id, mp::membership_status, mp::valid_from))
        .first(conn)
        .optional()?;
    let want = left_kind.is_none().then_some((org_id, status));
    let on = if want.is_none() { left_on.unwrap_or(on) } else { on };
    if let Some((id, open_org, open_status, from)) = open {
        match &want {
            Some((org, status)) if *org == open_org && *status == open_status => return Ok(()),
            Some((org, status)) if on <= from => {
                diesel::update(mp::table.find(id))
                    .set((mp::org_id.eq(org), mp::membership_status.eq(status)))
                    .execute(conn)?;
                return Ok(());
            }
            _ => {
                diesel::update(mp::table.find(id)).set(mp::valid_to.eq(Some(on.max(from)))).execute(conn)?;
            }
        }
    }
    if let Some((org, status)) = want {
        diesel::insert_into(mp::table)
            .values((
                mp::person_id.eq(person_id),
                mp::org_id.eq(org),
                mp::membership_status.eq(status),
                mp::valid_from.eq(on),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The same for an org: its path and kind from `on`, closed when it is dissolved.
pub fn record_org(conn: &mut DbConnection, org_id: i64, on: NaiveDate) -> Result<(), ApiError> {
    let (path, kind, status, dissolved_on): (String, String, String, Option<NaiveDate>) =
        orgs::table.find(org_id).select((orgs::path, orgs::kind, orgs::status, orgs::dissolved_on)).first(conn)?;
    let open: Option<(i64, String, String, NaiveDate)> = op::table
        .filter(op::org_id.eq(org_id).and(op::valid_to.is_null()))
        .select((op::id, op::path, op::kind, op::valid_from))
        .first(conn)
        .optional()?;
    let want = (status != "dissolved").then_some((path, kind));
    let on = if want.is_none() { dissolved_on.unwrap_or(on) } else { on };
    if let Some((id, open_path, open_kind, from)) = open {
        match &want {
            Some((path, kind)) if *path == open_path && *kind == open_kind => return Ok(()),
            Some((path, kind)) if on <= from => {
                diesel::update(op::table.find(id)).set((op::path.eq(path), op::kind.eq(kind))).execute(conn)?;
                return Ok(());
            }
            _ => {
                diesel::update(op::table.find(id)).set(op::valid_to.eq(Some(on.max(from)))).execute(conn)?;
            }
        }
    }
    if let Some((path, kind)) = want {
        diesel::insert_into(op::table)
            .values((op::org_id.eq(org_id), op::path.eq(path), op::kind.eq(kind), op::valid_from.eq(on)))
            .execute(conn)?;
    }
    Ok(())
}

/// Every org under `path` (a subtree that moved), effective `on`.
pub fn record_subtree(conn: &mut DbConnection, path: &str, on: NaiveDate) -> Result<(), ApiError> {
    let (lo, hi) = crate::db::subtree_bounds(path);
    let ids: Vec<i64> = orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id).load(conn)?;
    for id in ids {
        record_org(conn, id, on)?;
    }
    Ok(())
}

/// Open periods for every person and org that has none (after a bulk load such as the demo).
pub fn open_missing(conn: &mut DbConnection) -> Result<(), ApiError> {
    diesel::sql_query(
        "INSERT INTO org_periods (org_id, path, kind, valid_from, valid_to) \
         SELECT id, path, kind, COALESCE(founded_on, '1900-01-01'), dissolved_on FROM orgs \
         WHERE NOT EXISTS (SELECT 1 FROM org_periods WHERE org_periods.org_id = orgs.id)",
    )
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO member_periods (person_id, org_id, membership_status, valid_from, valid_to) \
         SELECT id, org_id, membership_status, COALESCE(join_date, '1900-01-01'), left_on FROM people \
         WHERE (left_kind IS NULL OR left_kind <> 'transfer_in_pending') \
         AND NOT EXISTS (SELECT 1 FROM member_periods WHERE member_periods.person_id = people.id)",
    )
    .execute(conn)?;
    Ok(())
}
