DROP TABLE schedules;
DROP TABLE jobs;
DROP TABLE outbox_attempts;
DROP INDEX outbox_due_idx;
ALTER TABLE outbox DROP COLUMN dead_at;
ALTER TABLE outbox DROP COLUMN claimed_until;
ALTER TABLE outbox DROP COLUMN claimed_by;
ALTER TABLE outbox DROP COLUMN next_attempt_at;
ALTER TABLE outbox DROP COLUMN status;
