//! The notifications table: the only diesel code of in-app notifications.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::RoleKind;

use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{notifications, role_assignments};
use crate::error::ApiError;

/// (id, title, body, link, created_at, read_at)
pub type NotificationRow = (i64, String, String, Option<String>, NaiveDateTime, Option<NaiveDateTime>);

/// Users holding an active 政工部门 role.
pub fn department_users(conn: &mut DbConnection) -> Result<Vec<i64>, ApiError> {
    Ok(role_assignments::table
        .filter(role_assignments::kind.eq(RoleKind::Department.code()).and(role_assignments::revoked_at.is_null()))
        .select(role_assignments::user_id)
        .distinct()
        .load(conn)?)
}

pub fn insert(
    conn: &mut DbConnection,
    user_id: i64,
    title: &str,
    body: &str,
    link: Option<&str>,
) -> Result<(), ApiError> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(user_id),
            notifications::title.eq(title),
            notifications::body.eq(body),
            notifications::link.eq(link),
            notifications::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A user's latest notifications, newest first.
pub fn latest(conn: &mut DbConnection, user_id: i64, limit: i64) -> Result<Vec<NotificationRow>, ApiError> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order(notifications::id.desc())
        .limit(limit)
        .select((
            notifications::id,
            notifications::title,
            notifications::body,
            notifications::link,
            notifications::created_at,
            notifications::read_at,
        ))
        .load(conn)?)
}

/// A person's mobile number, if one is recorded (the SMS channel's phone book).
pub fn phone_of(conn: &mut DbConnection, person_id: i64) -> Result<Option<String>, ApiError> {
    use crate::db::schema::people;
    Ok(people::table.find(person_id).select(people::phone).first::<Option<String>>(conn).optional()?.flatten())
}
