-- Organisational life: meetings, who is expected, attendance, records and their amendments.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    held_on DATE NOT NULL,
    place TEXT,
    online BOOLEAN NOT NULL DEFAULT FALSE,
    host_person_id BIGINT REFERENCES people(id),
    recorder_person_id BIGINT REFERENCES people(id),
    agenda TEXT,
    status TEXT NOT NULL,
    minutes TEXT,
    decisions TEXT,
    lecturer TEXT,
    entitled_voters INTEGER NOT NULL DEFAULT 0,
    signed_at TIMESTAMP,
    signed_by BIGINT REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX meetings_org_day_idx ON meetings (org_id, held_on);

CREATE TABLE meeting_attendees (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    voting BOOLEAN NOT NULL,
    response TEXT NOT NULL,
    leave_reason TEXT,
    checked_in_at TIMESTAMP,
    check_in_method TEXT
);
CREATE UNIQUE INDEX meeting_attendees_unique_idx ON meeting_attendees (meeting_id, person_id);
CREATE INDEX meeting_attendees_person_idx ON meeting_attendees (person_id, meeting_id);

CREATE TABLE meeting_amendments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id),
    field TEXT NOT NULL,
    before_text TEXT,
    after_text TEXT,
    reason TEXT NOT NULL,
    amended_by BIGINT REFERENCES users(id),
    amended_at TIMESTAMP NOT NULL
);
CREATE INDEX meeting_amendments_meeting_idx ON meeting_amendments (meeting_id);

-- Side effects (SMS, email, webhooks) are written here in the request's transaction and
-- delivered later by a dispatcher.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    recipient_user_id BIGINT REFERENCES users(id),
    recipient_person_id BIGINT REFERENCES people(id),
    payload_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_pending_idx ON outbox (delivered_at, id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
