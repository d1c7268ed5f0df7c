//! Delivers due outbox messages. Each pass claims a batch (locked with `FOR UPDATE SKIP
//! LOCKED` on PostgreSQL, under the writer lock on SQLite) for a few minutes, delivers each
//! message through its channel's provider and records the attempt. A failure is retried after
//! `base · 2^(n-1)` seconds (capped); after `outbox_max_attempts` the message is a dead letter.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;

use super::models::OutboxRow;
use super::{Channel, repo};
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::jobs::Env;

/// How long a claim keeps other dispatchers away from a message being delivered.
const CLAIM_MINUTES: i64 = 5;

/// A message as a provider sees it.
pub struct Delivery {
    pub id: i64,
    pub recipient_user_id: Option<i64>,
    pub recipient_person_id: Option<i64>,
    pub payload: serde_json::Value,
    pub attempt: i32,
}

/// Delivers the messages of one channel. The SMS, e-mail and webhook providers plug in here.
pub trait Provider: Send + Sync {
    fn channel(&self) -> Channel;

    /// True for providers that only write to the database (in-app): `deliver` then runs inside
    /// the transaction that records the attempt, so a notice is written exactly once. Others
    /// get a connection outside any transaction and must not write with it.
    fn transactional(&self) -> bool {
        false
    }

    /// Whether the channel can deliver now (an SMS provider is configured); messages of a
    /// channel that is not ready wait in the queue.
    fn ready(&self, _conn: &mut DbConnection) -> bool {
        true
    }

    /// Delivers; the provider's id for the accepted message, where it gives one (SMS, e-mail).
    fn deliver(&self, conn: &mut DbConnection, delivery: &Delivery) -> Result<Option<String>, String>;
}

/// The providers of this instance, by channel. Messages of a channel without a provider wait.
#[derive(Default)]
pub struct Registry(Vec<Box<dyn Provider>>);

impl Registry {
    pub fn with(mut self, provider: impl Provider + 'static) -> Registry {
        self.0.retain(|p| p.channel() != provider.channel());
        self.0.push(Box::new(provider));
        self
    }

    fn get(&self, channel: &str) -> Option<&dyn Provider> {
        self.0.iter().find(|p| p.channel().code() == channel).map(|p| p.as_ref())
    }

    /// The channels whose providers are ready.
    fn channels(&self, conn: &mut DbConnection) -> Vec<String> {
        self.0.iter().filter(|p| p.ready(conn)).map(|p| p.channel().code().to_string()).collect()
    }
}

/// Delay before attempt `failures + 1`, in seconds.
/// A provider that panics counts as a failed attempt instead of ending the dispatcher.
fn guarded(provider: &dyn Provider, conn: &mut DbConnection, delivery: &Delivery) -> Result<Option<String>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| provider.deliver(conn, delivery)))
        .unwrap_or_else(|_| Err("投递程序内部错误".into()))
}

pub fn backoff_seconds(base: i64, max: i64, failures: i32) -> i64 {
    let exponent = (failures.max(1) - 1).min(30) as u32;
    base.max(0).saturating_mul(1i64 << exponent).min(max)
}

/// One pass at `at`: claims up to a batch of due messages and delivers them. Returns how
/// many attempts were recorded.
pub fn pass(env: &Env, registry: &Registry, at: NaiveDateTime) -> Result<usize, String> {
    let channels = env.db.read_blocking(|conn| Ok(registry.channels(conn))).map_err(|e| e.message)?;
    if channels.is_empty() {
        return Ok(0);
    }
    if !env.db.read_blocking(|conn| repo::any_due(conn, &channels, at)).map_err(|e| e.message)? {
        return Ok(0);
    }
    let until = at + chrono::Duration::minutes(CLAIM_MINUTES);
    let ids = env
        .db
        .write_blocking(|conn| {
            let ids = crate::db::claim::due_outbox(conn, &channels, at, env.config.workers.outbox_batch)?;
            repo::mark_claimed(conn, &ids, &env.instance, until)?;
            Ok(ids)
        })
        .map_err(|e| e.message)?;
    let mut recorded = 0;
    for id in ids {
        match deliver_one(env, registry, id, at) {
            Ok(true) => recorded += 1,
            Ok(false) => {}
            Err(message) => tracing::warn!(outbox_id = id, error = %message, "outbox delivery not recorded"),
        }
    }
    Ok(recorded)
}

fn deliver_one(env: &Env, registry: &Registry, id: i64, at: NaiveDateTime) -> Result<bool, String> {
    let row = env.db.read_blocking(|conn| repo::get(conn, id)).map_err(|e| e.message)?;
    if row.status != repo::PENDING || row.claimed_by.as_deref() != Some(&env.instance) {
        return Ok(false);
    }
    let Some(provider) = registry.get(&row.channel) else { return Ok(false) };
    let delivery = delivery_of(&row);
    let workers = &env.config.workers;
    let retry_at = |failures: i32| {
        (failures < workers.outbox_max_attempts).then(|| {
            at + chrono::Duration::seconds(backoff_seconds(
                workers.outbox_backoff_seconds,
                workers.outbox_backoff_max_seconds,
                failures,
            ))
        })
    };
    let started = now();
    let holder = env.instance.clone();
    if provider.transactional() {
        // Deliver and record together; a failed delivery rolls back to the savepoint only.
        env.db
            .write_blocking(|conn| {
                let outcome = crate::db::savepoint(conn, |tx| guarded(provider, tx, &delivery));
                let retry = outcome.as_ref().err().and_then(|_| retry_at(delivery.attempt));
                let recorded = repo::record_attempt(conn, id, &holder, delivery.attempt, started, &outcome, retry)?;
                if !recorded {
                    // Someone else took the message over: undo our delivery.
                    return Err(crate::error::ApiError::version_conflict());
                }
                Ok(true)
            })
            .map_err(|e| e.message)
    } else {
        let outcome = env.db.read_blocking(|conn| Ok(guarded(provider, conn, &delivery))).map_err(|e| e.message)?;
        let retry = outcome.as_ref().err().and_then(|_| retry_at(delivery.attempt));
        env.db
            .write_blocking(|conn| repo::record_attempt(conn, id, &holder, delivery.attempt, started, &outcome, retry))
            .map_err(|e| e.message)
    }
}

fn delivery_of(row: &OutboxRow) -> Delivery {
    Delivery {
        id: row.id,
        recipient_user_id: row.recipient_user_id,
        recipient_person_id: row.recipient_person_id,
        payload: serde_json::from_str(&row.payload_json).unwrap_or(serde_json::Value::Null),
        attempt: row.attempts + 1,
    }
}

/// Runs `pass` whenever woken (a message was queued here) or every `poll_millis`.
pub fn start(env: &Env, registry: Arc<Registry>) {
    let env = env.clone();
    std::thread::Builder::new()
        .name("outbox-dispatcher".into())
        .spawn(move || {
            let idle = Duration::from_millis(env.config.workers.poll_millis.max(10));
            loop {
                let busy = match pass(&env, &registry, now()) {
                    Ok(n) => n > 0,
                    Err(message) => {
                        tracing::warn!(error = %message, "outbox pass failed");
                        false
                    }
                };
                if env.outbox_signal().stopped() || (!busy && !env.outbox_signal().wait(idle)) {
                    return;
                }
            }
        })
        .expect("the outbox dispatcher thread starts");
}
