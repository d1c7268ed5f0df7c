ALTER TABLE users DROP COLUMN email;
DROP TABLE notices;
DROP INDEX outbox_recipient_day_idx;
DROP INDEX notifications_unread_idx;
DROP TABLE notification_opt_outs;
DROP TABLE alerts;
