//! Who a custom notice reaches (counted in SQL for the preview, listed for sending) and the
//! `notices` table.

use chrono::NaiveDateTime;
use diesel::AggregateExpressionMethods;
use diesel::dsl::{count, count_star};
use diesel::prelude::*;
use shared::MembershipStatus;

use crate::db::DbConnection;
use crate::db::schema::{notices, orgs, people, role_assignments, users};
use crate::error::ApiError;

const MEMBERS: [&str; 2] = ["formal", "probationary"];

/// (recipients, with a login, with a phone, with an e-mail address)
pub type Counts = (i64, i64, i64, i64);

/// A recipient: (person, user, has a phone, has an e-mail address).
pub type Recipient = (Option<i64>, Option<i64>, bool, bool);

/// (person or user id, user or person id, phone, e-mail) as read.
type Row = (i64, Option<i64>, Option<String>, Option<String>);

pub fn org_counts(conn: &mut DbConnection, (lo, hi): (&str, &str)) -> Result<Counts, ApiError> {
    debug_assert_eq!(MEMBERS, [MembershipStatus::Formal.code(), MembershipStatus::Probationary.code()]);
    let (total, phones): (i64, i64) = people::table
        .inner_join(orgs::table)
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(people::left_on.is_null().and(people::membership_status.eq_any(MEMBERS)))
        .select((count_star(), count(people::phone)))
        .first(conn)?;
    let (logins, emails): (i64, i64) = people::table
        .inner_join(orgs::table)
        .inner_join(users::table.on(users::person_id.eq(people::id.nullable())))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(people::left_on.is_null().and(people::membership_status.eq_any(MEMBERS)))
        .filter(users::disabled.eq(false))
        .select((count(people::id).aggregate_distinct(), count(users::email)))
        .first(conn)?;
    Ok((total, logins, phones, emails))
}

pub fn org_recipients(conn: &mut DbConnection, (lo, hi): (&str, &str)) -> Result<Vec<Recipient>, ApiError> {
    let rows: Vec<Row> = people::table
        .inner_join(orgs::table)
        .left_join(users::table.on(users::person_id.eq(people::id.nullable()).and(users::disabled.eq(false))))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(people::left_on.is_null().and(people::membership_status.eq_any(MEMBERS)))
        .select((people::id, users::id.nullable(), people::phone, users::email.nullable()))
        .load(conn)?;
    Ok(rows.into_iter().map(|(p, u, phone, email)| (Some(p), u, phone.is_some(), email.is_some())).collect())
}

pub fn role_counts(conn: &mut DbConnection, kind: &str, (lo, hi): (&str, &str)) -> Result<Counts, ApiError> {
    let holders = role_assignments::table
        .inner_join(users::table)
        .inner_join(orgs::table)
        .filter(role_assignments::kind.eq(kind).and(role_assignments::revoked_at.is_null()))
        .filter(users::disabled.eq(false))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)));
    let total: i64 = holders.select(count(users::id).aggregate_distinct()).first(conn)?;
    let emails: i64 =
        holders.filter(users::email.is_not_null()).select(count(users::id).aggregate_distinct()).first(conn)?;
    let phones: i64 = holders
        .inner_join(people::table.on(people::id.nullable().eq(users::person_id)))
        .filter(people::phone.is_not_null())
        .select(count(people::id).aggregate_distinct())
        .first(conn)?;
    Ok((total, total, phones, emails))
}

pub fn role_recipients(
    conn: &mut DbConnection,
    kind: &str,
    (lo, hi): (&str, &str),
) -> Result<Vec<Recipient>, ApiError> {
    let rows: Vec<Row> = role_assignments::table
        .inner_join(users::table)
        .inner_join(orgs::table)
        .left_join(people::table.on(people::id.nullable().eq(users::person_id)))
        .filter(role_assignments::kind.eq(kind).and(role_assignments::revoked_at.is_null()))
        .filter(users::disabled.eq(false))
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .select((users::id, users::person_id, people::phone.nullable(), users::email))
        .distinct()
        .load(conn)?;
    Ok(rows.into_iter().map(|(u, p, phone, email)| (p, Some(u), phone.is_some(), email.is_some())).collect())
}

/// The chosen people who are in the subtree (others are not reachable by the sender).
pub fn chosen_recipients(
    conn: &mut DbConnection,
    ids: &[i64],
    (lo, hi): (&str, &str),
) -> Result<Vec<Recipient>, ApiError> {
    let rows: Vec<Row> = people::table
        .inner_join(orgs::table)
        .left_join(users::table.on(users::person_id.eq(people::id.nullable()).and(users::disabled.eq(false))))
        .filter(people::id.eq_any(ids))
        .filter(people::left_on.is_null())
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .select((people::id, users::id.nullable(), people::phone, users::email.nullable()))
        .load(conn)?;
    Ok(rows.into_iter().map(|(p, u, phone, email)| (Some(p), u, phone.is_some(), email.is_some())).collect())
}

pub struct NewNotice<'a> {
    pub org_id: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub audience_json: String,
    pub channels: String,
    pub recipients: i64,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, n: &NewNotice) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(notices::table)
        .values((
            notices::org_id.eq(n.org_id),
            notices::title.eq(n.title),
            notices::body.eq(n.body),
            notices::audience_json.eq(&n.audience_json),
            notices::channels.eq(&n.channels),
            notices::recipients.eq(n.recipients as i32),
            notices::created_by.eq(n.created_by),
            notices::created_at.eq(n.created_at),
        ))
        .returning(notices::id)
        .get_result(conn)?)
}
