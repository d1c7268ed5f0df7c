-- Organisation-relationship transfers (组织关系转接). Each case is a workflow instance; this row
-- mirrors it for the lists and desk queues, which filter on either side's org in SQL.
CREATE TABLE transfers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id BIGINT NOT NULL REFERENCES workflow_instances(id),
    -- within / out / in / flow
    kind TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    person_name TEXT NOT NULL,
    -- The sending branch (none for an incoming letter).
    from_org_id BIGINT REFERENCES orgs(id),
    -- The receiving branch (within the institution), or the host branch of a member away.
    to_org_id BIGINT REFERENCES orgs(id),
    -- The outside party organisation: receiving (out), issuing (in), or the place (flow).
    external_org TEXT,
    reason TEXT NOT NULL,
    -- 整建制转接: the id of the batch's first case (one letter and a list for all of them).
    batch_id BIGINT,
    secret BOOLEAN NOT NULL DEFAULT FALSE,
    -- Who acts next: sending_branch / committee / receiving / receipt / away / nobody.
    awaiting TEXT NOT NULL,
    status TEXT NOT NULL,
    due_on DATE,
    started_on DATE NOT NULL,
    finished_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX transfers_instance_idx ON transfers (instance_id);
CREATE INDEX transfers_from_idx ON transfers (from_org_id, awaiting);
CREATE INDEX transfers_to_idx ON transfers (to_org_id, awaiting);
CREATE INDEX transfers_person_idx ON transfers (person_id, status);
CREATE INDEX transfers_batch_idx ON transfers (batch_id);

-- Letters issued (介绍信, 证明信, 活动证) or registered (an incoming 介绍信). The QR code on an
-- issued letter carries its token; a re-issued letter voids the one before.
CREATE TABLE transfer_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    transfer_id BIGINT NOT NULL REFERENCES transfers(id),
    -- introduction / certificate / activity_card / incoming
    kind TEXT NOT NULL,
    letter_no TEXT NOT NULL,
    token TEXT NOT NULL,
    issuer TEXT NOT NULL,
    addressee TEXT NOT NULL,
    issued_on DATE NOT NULL,
    valid_until DATE NOT NULL,
    dues_paid_through DATE,
    void_reason TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX transfer_letters_token_idx ON transfer_letters (token);
CREATE INDEX transfer_letters_transfer_idx ON transfer_letters (transfer_id);
CREATE INDEX transfer_letters_no_idx ON transfer_letters (letter_no);
