//! People a transfer creates, reactivates or checks: the pending person of an incoming letter,
//! their activation at acceptance, and whether dues are paid up to the transfer month.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::clock::wall_now as now;
use crate::db::schema::{dues_months as d, people};
use crate::db::{DbConnection, expect_one_row};
use crate::error::ApiError;
use crate::members::models::{PersonFields, PersonRow};

/// Current members (正式/预备) of a branch, or of a party group: (id, name), by id.
pub fn members_of(conn: &mut DbConnection, org: i64, group: bool) -> Result<Vec<(i64, String)>, ApiError> {
    let mut query = people::table
        .filter(people::left_on.is_null())
        .filter(people::membership_status.eq_any(["formal", "probationary"]))
        .order(people::id)
        .select((people::id, people::name))
        .into_boxed();
    query = if group { query.filter(people::party_group_id.eq(org)) } else { query.filter(people::org_id.eq(org)) };
    Ok(query.load(conn)?)
}

/// `left_kind` of a person registered from an incoming letter and not yet accepted.
pub const PENDING_IN: &str = "transfer_in_pending";

/// Months up to `through` the person still owes (without a recorded reason), oldest first.
pub fn unpaid_months(conn: &mut DbConnection, person: i64, through: NaiveDate) -> Result<Vec<NaiveDate>, ApiError> {
    Ok(d::table
        .filter(d::person_id.eq(person).and(d::month.le(through)))
        .filter(d::paid_fen.lt(d::payable_fen).and(d::arrears_reason.is_null()))
        .order(d::month)
        .select(d::month)
        .load(conn)?)
}

pub fn by_id_card(conn: &mut DbConnection, id_card: &str) -> Result<Option<PersonRow>, ApiError> {
    Ok(people::table
        .filter(people::id_card_number.eq(id_card))
        .select(PersonRow::as_select())
        .first(conn)
        .optional()?)
}

/// A new person from an incoming letter: on record but not a current member until accepted.
pub fn create_pending(
    conn: &mut DbConnection,
    org_id: i64,
    fields: &PersonFields,
    today: NaiveDate,
) -> Result<i64, ApiError> {
    let id = crate::members::repo::insert(conn, org_id, fields)?;
    diesel::update(people::table.find(id))
        .set((
            people::left_kind.eq(Some(PENDING_IN)),
            people::left_on.eq(Some(today)),
            people::left_reason.eq(Some("组织关系转入待接收")),
        ))
        .execute(conn)?;
    crate::statistics::repo::history::record_person(conn, id, today)?;
    Ok(id)
}

/// The accepted person becomes a current member of `org_id` with the letter's details.
pub fn activate(
    conn: &mut DbConnection,
    person: &PersonRow,
    org_id: i64,
    fields: &PersonFields,
) -> Result<(), ApiError> {
    let updated =
        diesel::update(people::table.filter(people::id.eq(person.id).and(people::version.eq(person.version))))
            .set((
                fields,
                people::org_id.eq(org_id),
                people::left_kind.eq(None::<String>),
                people::left_on.eq(None::<NaiveDate>),
                people::left_reason.eq(None::<String>),
                people::version.eq(person.version + 1),
                people::updated_at.eq(now()),
            ))
            .execute(conn)?;
    expect_one_row(updated)
}

/// A refused incoming person stays off the roll, with the reason.
pub fn refuse_pending(conn: &mut DbConnection, person: i64) -> Result<(), ApiError> {
    diesel::update(people::table.filter(people::id.eq(person).and(people::left_kind.eq(PENDING_IN))))
        .set((people::left_reason.eq(Some("组织关系转入未接收")), people::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}
