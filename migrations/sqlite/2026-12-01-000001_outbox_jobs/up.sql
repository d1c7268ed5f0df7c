-- The outbox gains a delivery state: pending → delivered, or dead after too many failures.
-- A dispatcher claims due rows (claimed_by/claimed_until) and records every attempt.
ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMP;
ALTER TABLE outbox ADD COLUMN dead_at TIMESTAMP;
UPDATE outbox SET status = 'delivered' WHERE delivered_at IS NOT NULL;
UPDATE outbox SET next_attempt_at = created_at;
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at, id);

CREATE TABLE outbox_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    outbox_id BIGINT NOT NULL REFERENCES outbox(id),
    attempt INTEGER NOT NULL,
    instance TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    ok BOOLEAN NOT NULL,
    error TEXT
);
CREATE INDEX outbox_attempts_message_idx ON outbox_attempts (outbox_id, id);

-- Background jobs: the table is the queue. Any instance's worker claims a queued job, or a
-- running one whose owner stopped sending heartbeats.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    phase TEXT NOT NULL,
    progress_done BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT NOT NULL DEFAULT 0,
    payload_json TEXT NOT NULL,
    input BLOB,
    owner TEXT,
    heartbeat_at TIMESTAMP,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP
);
CREATE INDEX jobs_status_idx ON jobs (status, id);

-- Named schedules: the instance that moves next_due_at on (under a lease) runs the slot.
CREATE TABLE schedules (
    name TEXT PRIMARY KEY,
    next_due_at TIMESTAMP NOT NULL,
    holder TEXT,
    lease_until TIMESTAMP,
    last_started_at TIMESTAMP,
    last_finished_at TIMESTAMP,
    runs BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);
