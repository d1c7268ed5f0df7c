//! The member a dues record is about, and the branch's consent to pay by the quarter.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{dues_quarterly, orgs, people};
use crate::error::ApiError;

/// (name, org, org name, org path)
pub fn subject(conn: &mut DbConnection, person: i64) -> Result<(String, i64, String, String), ApiError> {
    people::table
        .inner_join(orgs::table)
        .filter(people::id.eq(person))
        .select((people::name, people::org_id, orgs::name, orgs::path))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("党员"))
}

pub fn quarterly(conn: &mut DbConnection, person: i64) -> Result<bool, ApiError> {
    Ok(dues_quarterly::table.find(person).count().get_result::<i64>(conn)? > 0)
}

pub fn set_quarterly(
    conn: &mut DbConnection,
    person: i64,
    allowed: bool,
    by: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if allowed {
        diesel::insert_into(dues_quarterly::table)
            .values((
                dues_quarterly::person_id.eq(person),
                dues_quarterly::granted_by.eq(by),
                dues_quarterly::granted_at.eq(now),
            ))
            .execute(conn)?;
    } else {
        diesel::delete(dues_quarterly::table.find(person)).execute(conn)?;
    }
    Ok(())
}
