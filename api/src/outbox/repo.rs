//! The `outbox` and `outbox_attempts` tables.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::Message;
use super::models::OutboxRow;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{outbox, outbox_attempts};
use crate::error::ApiError;

pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const DEAD: &str = "dead";

/// Inserts `message`; `None` when a message with the same `dedup_key` exists (also when a
/// concurrent insert won: the unique index decides, inside a savepoint). It is first tried at
/// `not_before` (quiet hours, daily caps) or at once.
pub fn insert(
    conn: &mut DbConnection,
    message: &Message,
    dedup_key: Option<&str>,
    not_before: Option<NaiveDateTime>,
) -> Result<Option<i64>, ApiError> {
    if let Some(key) = dedup_key {
        let seen: Option<i64> =
            outbox::table.filter(outbox::dedup_key.eq(key)).select(outbox::id).first(conn).optional()?;
        if seen.is_some() {
            return Ok(None);
        }
    }
    let at = now();
    let inserted = conn.transaction(|tx| {
        diesel::insert_into(outbox::table)
            .values((
                outbox::channel.eq(message.channel.code()),
                outbox::recipient_user_id.eq(message.recipient_user_id),
                outbox::recipient_person_id.eq(message.recipient_person_id),
                outbox::payload_json.eq(message.payload.to_string()),
                outbox::created_at.eq(at),
                outbox::next_attempt_at.eq(not_before.unwrap_or(at).max(at)),
                outbox::attempts.eq(0),
                outbox::status.eq(PENDING),
                outbox::dedup_key.eq(dedup_key),
            ))
            .returning(outbox::id)
            .get_result::<i64>(tx)
    });
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
            if dedup_key.is_some() =>
        {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether any message of `channels` is due (a cheap read before the locking claim).
pub fn any_due(conn: &mut DbConnection, channels: &[String], at: NaiveDateTime) -> Result<bool, ApiError> {
    let found: Option<i64> = outbox::table
        .filter(outbox::status.eq(PENDING))
        .filter(outbox::channel.eq_any(channels))
        .filter(outbox::next_attempt_at.le(at))
        .filter(outbox::claimed_until.is_null().or(outbox::claimed_until.lt(at)))
        .select(outbox::id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<OutboxRow, ApiError> {
    Ok(outbox::table.find(id).select(OutboxRow::as_select()).first(conn)?)
}

/// Marks the given (locked) rows as claimed by `holder` until `until`.
pub fn mark_claimed(conn: &mut DbConnection, ids: &[i64], holder: &str, until: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
        .set((outbox::claimed_by.eq(holder), outbox::claimed_until.eq(until)))
        .execute(conn)?;
    Ok(())
}

/// Records one attempt and moves the message on: delivered, retried at `retry_at`, or dead.
/// False when `holder` no longer holds the claim (then nothing is written).
#[allow(clippy::too_many_arguments)]
pub fn record_attempt(
    conn: &mut DbConnection,
    id: i64,
    holder: &str,
    attempt: i32,
    started_at: NaiveDateTime,
    outcome: &Result<Option<String>, String>,
    retry_at: Option<NaiveDateTime>,
) -> Result<bool, ApiError> {
    let at = now();
    let error = outcome.as_ref().err().map(String::as_str);
    let provider_message_id = outcome.as_ref().ok().and_then(|id| id.as_deref());
    let mine = outbox::table
        .find(id)
        .filter(outbox::claimed_by.eq(holder))
        .filter(outbox::status.eq(PENDING))
        .filter(outbox::attempts.eq(attempt - 1));
    let updated = match (error, retry_at) {
        (None, _) => diesel::update(mine)
            .set((
                outbox::status.eq(DELIVERED),
                outbox::delivered_at.eq(Some(at)),
                outbox::attempts.eq(attempt),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
        (Some(e), Some(retry_at)) => diesel::update(mine)
            .set((
                outbox::attempts.eq(attempt),
                outbox::last_error.eq(e),
                outbox::next_attempt_at.eq(retry_at),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
        (Some(e), None) => diesel::update(mine)
            .set((
                outbox::status.eq(DEAD),
                outbox::dead_at.eq(Some(at)),
                outbox::attempts.eq(attempt),
                outbox::last_error.eq(e),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
    };
    if updated != 1 {
        return Ok(false);
    }
    diesel::insert_into(outbox_attempts::table)
        .values((
            outbox_attempts::outbox_id.eq(id),
            outbox_attempts::attempt.eq(attempt),
            outbox_attempts::instance.eq(holder),
            outbox_attempts::started_at.eq(started_at),
            outbox_attempts::finished_at.eq(at),
            outbox_attempts::ok.eq(error.is_none()),
            outbox_attempts::error.eq(error),
            outbox_attempts::provider_message_id.eq(provider_message_id),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Messages, newest first, before the cursor id, by status and channel.
pub fn list(
    conn: &mut DbConnection,
    status: Option<&str>,
    channel: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<OutboxRow>, ApiError> {
    let mut query = outbox::table.into_boxed();
    if let Some(status) = status {
        query = query.filter(outbox::status.eq(status));
    }
    if let Some(channel) = channel {
        query = query.filter(outbox::channel.eq(channel));
    }
    if let Some(before) = before {
        query = query.filter(outbox::id.lt(before));
    }
    Ok(query.order(outbox::id.desc()).limit(limit).select(OutboxRow::as_select()).load(conn)?)
}

/// The provider's message id of each delivered message among `ids`.
pub fn provider_ids(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<(i64, Option<String>)>, ApiError> {
    Ok(outbox_attempts::table
        .filter(outbox_attempts::outbox_id.eq_any(ids).and(outbox_attempts::ok.eq(true)))
        .select((outbox_attempts::outbox_id, outbox_attempts::provider_message_id))
        .load(conn)?)
}

/// (id, name) pairs.
pub type Names = Vec<(i64, String)>;

/// Names of the recipients: users' display names and people's names by id.
pub fn recipient_names(conn: &mut DbConnection, users: &[i64], people: &[i64]) -> Result<(Names, Names), ApiError> {
    use crate::db::schema::{people as p, users as u};
    let users = u::table.filter(u::id.eq_any(users)).select((u::id, u::display_name)).load(conn)?;
    let people = p::table.filter(p::id.eq_any(people)).select((p::id, p::name)).load(conn)?;
    Ok((users, people))
}

/// Every attempt at one message, in order, as the log shows it.
pub fn attempt_log(conn: &mut DbConnection, id: i64) -> Result<Vec<AttemptRow>, ApiError> {
    Ok(outbox_attempts::table
        .filter(outbox_attempts::outbox_id.eq(id))
        .order(outbox_attempts::id)
        .select((
            outbox_attempts::attempt,
            outbox_attempts::instance,
            outbox_attempts::started_at,
            outbox_attempts::finished_at,
            outbox_attempts::ok,
            outbox_attempts::error,
            outbox_attempts::provider_message_id,
        ))
        .load(conn)?)
}

/// (attempt, instance, started, finished, ok, error, provider message id)
pub type AttemptRow = (i32, String, NaiveDateTime, NaiveDateTime, bool, Option<String>, Option<String>);

/// Puts a dead letter back in the queue with a fresh set of attempts; false if it is not dead.
pub fn revive(conn: &mut DbConnection, id: i64) -> Result<bool, ApiError> {
    let updated = diesel::update(outbox::table.find(id).filter(outbox::status.eq(DEAD)))
        .set((
            outbox::status.eq(PENDING),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now()),
            outbox::dead_at.eq(None::<NaiveDateTime>),
            outbox::claimed_by.eq(None::<String>),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// (attempt, instance, ok, error) of one delivery attempt.
pub type Attempt = (i32, String, bool, Option<String>);

/// Every attempt at one message, in order.
pub fn attempts_of(conn: &mut DbConnection, id: i64) -> Result<Vec<Attempt>, ApiError> {
    Ok(outbox_attempts::table
        .filter(outbox_attempts::outbox_id.eq(id))
        .order(outbox_attempts::id)
        .select((outbox_attempts::attempt, outbox_attempts::instance, outbox_attempts::ok, outbox_attempts::error))
        .load(conn)?)
}

/// A message's state and the provider's id from its successful attempt (the delivery log).
pub fn delivery_state(conn: &mut DbConnection, id: i64) -> Result<(String, Option<String>), ApiError> {
    let status: String = outbox::table.find(id).select(outbox::status).first(conn)?;
    let message_id: Option<String> = outbox_attempts::table
        .filter(outbox_attempts::outbox_id.eq(id).and(outbox_attempts::ok.eq(true)))
        .select(outbox_attempts::provider_message_id)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten();
    Ok((status, message_id))
}

/// SMS queued for `person` since `since` (for the daily cap).
pub fn sms_count_since(conn: &mut DbConnection, person: i64, since: NaiveDateTime) -> Result<i64, ApiError> {
    Ok(outbox::table
        .filter(outbox::recipient_person_id.eq(person))
        .filter(outbox::channel.eq(super::Channel::Sms.code()))
        .filter(outbox::created_at.ge(since))
        .count()
        .get_result(conn)?)
}
