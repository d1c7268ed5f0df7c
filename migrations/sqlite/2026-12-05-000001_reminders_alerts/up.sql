-- Analysis alerts (分析提醒): one row per rule and subject while the condition holds; the
-- evaluator sets resolved_on when it clears, and a later recurrence opens a new row.
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_code TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    person_id BIGINT REFERENCES people(id),
    detail TEXT NOT NULL,
    first_seen_on DATE NOT NULL,
    last_seen_on DATE NOT NULL,
    resolved_on DATE
);
CREATE UNIQUE INDEX alerts_open_idx ON alerts (rule_code, subject_key) WHERE resolved_on IS NULL;
CREATE INDEX alerts_rule_org_idx ON alerts (resolved_on, rule_code, org_id);

-- The notices a person has opted out of, per template and channel (mandatory ones ignore it).
CREATE TABLE notification_opt_outs (
    person_id BIGINT NOT NULL REFERENCES people(id),
    template TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (person_id, template, channel)
);

CREATE INDEX notifications_unread_idx ON notifications (user_id, read_at);
CREATE INDEX outbox_recipient_day_idx ON outbox (recipient_person_id, channel, created_at);

-- Custom notices sent by a secretary, a 党委 or the 政工部门: what, to whom, by which channels.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    audience_json TEXT NOT NULL,
    channels TEXT NOT NULL,
    recipients INTEGER NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notices_org_idx ON notices (org_id, id);

-- E-mail notices go to the address a user gives in their notification settings.
ALTER TABLE users ADD COLUMN email TEXT;
