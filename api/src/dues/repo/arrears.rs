//! The arrears queries: open months counted per member in the database, meeting check-ins,
//! this month's unpaid.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::db::schema::{dues_months as d, people};
use crate::error::ApiError;

/// A member behind on dues: (person, current org, open months, the oldest of them).
pub type Behind = (i64, i64, i64, NaiveDate);

/// Members with at least `min` open months in `since..current`, counted in the database.
pub fn behind(
    conn: &mut DbConnection,
    since: NaiveDate,
    current: NaiveDate,
    min: i64,
) -> Result<Vec<Behind>, ApiError> {
    let rows: Vec<(i64, i64, Option<NaiveDate>)> = d::table
        .filter(d::month.ge(since).and(d::month.lt(current)))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .group_by(d::person_id)
        .having(diesel::dsl::count_star().ge(min))
        .select((d::person_id, diesel::dsl::sql::<BigInt>("CAST(COUNT(*) AS BIGINT)"), diesel::dsl::min(d::month)))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let orgs: std::collections::HashMap<i64, i64> = people::table
        .filter(people::id.eq_any(ids))
        .filter(people::left_on.is_null())
        .select((people::id, people::org_id))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(person, count, oldest)| Some((person, *orgs.get(&person)?, count, oldest?)))
        .collect())
}

/// Which of `people` checked in at a meeting on or after `since`.
pub fn attended_since(
    conn: &mut DbConnection,
    people: &[i64],
    since: NaiveDate,
) -> Result<std::collections::HashSet<i64>, ApiError> {
    use crate::db::schema::{meeting_attendees as a, meetings as m};
    let mut found = std::collections::HashSet::new();
    for chunk in people.chunks(500) {
        let rows: Vec<i64> = a::table
            .inner_join(m::table)
            .filter(a::person_id.eq_any(chunk.to_vec()))
            .filter(a::checked_in_at.is_not_null())
            .filter(m::held_on.ge(since))
            .select(a::person_id)
            .distinct()
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// Members with this month open (unpaid, no recorded reason).
pub fn unpaid_in(conn: &mut DbConnection, month: NaiveDate) -> Result<Vec<i64>, ApiError> {
    Ok(d::table
        .filter(d::month.eq(month))
        .filter(d::paid_fen.lt(d::payable_fen))
        .filter(d::arrears_reason.is_null())
        .select(d::person_id)
        .load(conn)?)
}
