//! The notifications table: the only diesel code of in-app notifications.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::RoleKind;

use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{notification_opt_outs, notifications, role_assignments};
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

/// A page of a user's notifications, newest first (ids below `before`), `limit` rows.
pub fn page(
    conn: &mut DbConnection,
    user_id: i64,
    unread_only: bool,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<NotificationRow>, ApiError> {
    let mut query = notifications::table.filter(notifications::user_id.eq(user_id)).into_boxed();
    if unread_only {
        query = query.filter(notifications::read_at.is_null());
    }
    if let Some(before) = before {
        query = query.filter(notifications::id.lt(before));
    }
    Ok(query
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

pub fn unread_count(conn: &mut DbConnection, user_id: i64) -> Result<i64, ApiError> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id).and(notifications::read_at.is_null()))
        .count()
        .get_result(conn)?)
}

/// Marks the user's notices read: `ids`, or all of them when `ids` is `None`. Others' ids are
/// ignored (the filter is on the user). Returns how many changed.
pub fn mark_read(conn: &mut DbConnection, user_id: i64, ids: Option<&[i64]>) -> Result<usize, ApiError> {
    let mine = notifications::table.filter(notifications::user_id.eq(user_id).and(notifications::read_at.is_null()));
    let changed = match ids {
        Some(ids) => diesel::update(mine.filter(notifications::id.eq_any(ids)))
            .set(notifications::read_at.eq(now()))
            .execute(conn)?,
        None => diesel::update(mine).set(notifications::read_at.eq(now())).execute(conn)?,
    };
    Ok(changed)
}

/// A person's mobile number, if one is recorded (the SMS channel's phone book).
pub fn phone_of(conn: &mut DbConnection, person_id: i64) -> Result<Option<String>, ApiError> {
    use crate::db::schema::people;
    Ok(people::table.find(person_id).select(people::phone).first::<Option<String>>(conn).optional()?.flatten())
}

/// Whether `person` opted out of `template` on `channel`.
pub fn opted_out(conn: &mut DbConnection, person: i64, template: &str, channel: &str) -> Result<bool, ApiError> {
    let found: Option<String> = notification_opt_outs::table
        .filter(notification_opt_outs::person_id.eq(person))
        .filter(notification_opt_outs::template.eq(template))
        .filter(notification_opt_outs::channel.eq(channel))
        .select(notification_opt_outs::template)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

/// The templates `person` opted out of on `channel`.
pub fn opt_outs(conn: &mut DbConnection, person: i64, channel: &str) -> Result<Vec<String>, ApiError> {
    Ok(notification_opt_outs::table
        .filter(notification_opt_outs::person_id.eq(person).and(notification_opt_outs::channel.eq(channel)))
        .select(notification_opt_outs::template)
        .load(conn)?)
}

/// Replaces `person`'s opt-outs on `channel`.
pub fn set_opt_outs(conn: &mut DbConnection, person: i64, channel: &str, templates: &[String]) -> Result<(), ApiError> {
    diesel::delete(
        notification_opt_outs::table
            .filter(notification_opt_outs::person_id.eq(person).and(notification_opt_outs::channel.eq(channel))),
    )
    .execute(conn)?;
    for template in templates {
        diesel::insert_into(notification_opt_outs::table)
            .values((
                notification_opt_outs::person_id.eq(person),
                notification_opt_outs::template.eq(template),
                notification_opt_outs::channel.eq(channel),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A user's e-mail address for notices, if given.
pub fn email_of(conn: &mut DbConnection, user_id: i64) -> Result<Option<String>, ApiError> {
    use crate::db::schema::users;
    Ok(users::table.find(user_id).select(users::email).first::<Option<String>>(conn).optional()?.flatten())
}

pub fn set_email(conn: &mut DbConnection, user_id: i64, email: Option<&str>) -> Result<(), ApiError> {
    use crate::db::schema::users;
    diesel::update(users::table.find(user_id)).set(users::email.eq(email)).execute(conn)?;
    Ok(())
}
