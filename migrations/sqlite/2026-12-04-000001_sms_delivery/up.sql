-- The delivery log keeps the id the SMS or e-mail provider gave each accepted message, and each
-- outbox message may carry a de-duplication key: the same reminder is queued once.
ALTER TABLE outbox_attempts ADD COLUMN provider_message_id TEXT;
ALTER TABLE outbox ADD COLUMN dedup_key TEXT;
CREATE UNIQUE INDEX outbox_dedup_key_idx ON outbox (dedup_key);
