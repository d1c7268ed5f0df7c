-- The workflow engine: one row per process instance, one per event (its full history).
CREATE TABLE workflow_instances (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process TEXT NOT NULL,
    subject_person_id BIGINT NOT NULL REFERENCES people(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    step INTEGER NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    due_on DATE,
    ready_on DATE,
    data_json TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX workflow_instances_org_idx ON workflow_instances (process, org_id, status);
-- "Everything overdue in my subtree": active instances by deadline.
CREATE INDEX workflow_instances_due_idx ON workflow_instances (status, due_on);
CREATE INDEX workflow_instances_subject_idx ON workflow_instances (subject_person_id);

CREATE TABLE workflow_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id BIGINT NOT NULL REFERENCES workflow_instances(id),
    step INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_user_id BIGINT REFERENCES users(id),
    actor_role_kind TEXT,
    actor_name TEXT,
    at TIMESTAMP NOT NULL,
    comment TEXT,
    data_json TEXT NOT NULL
);
CREATE INDEX workflow_events_instance_idx ON workflow_events (instance_id, id);

-- Admin edits of the working-day calendar (override the shipped data per day).
CREATE TABLE calendar_days (
    day DATE PRIMARY KEY,
    kind TEXT NOT NULL,
    note TEXT
);
