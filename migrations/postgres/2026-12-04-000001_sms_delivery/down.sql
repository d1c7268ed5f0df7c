DROP INDEX outbox_dedup_key_idx;
ALTER TABLE outbox DROP COLUMN dedup_key;
ALTER TABLE outbox_attempts DROP COLUMN provider_message_id;
