-- Master-data sync with HR: connectors, jobs (preview + apply) and their rows.
ALTER TABLE people ADD COLUMN hr_left_on DATE;

CREATE TABLE hr_connectors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    base_url TEXT NOT NULL,
    auth_header_name TEXT,
    auth_header_value TEXT,
    paging_style TEXT NOT NULL,
    page_size INTEGER NOT NULL,
    items_pointer TEXT NOT NULL,
    next_cursor_pointer TEXT,
    field_mapping_json TEXT NOT NULL,
    schedule_hour INTEGER,
    scope_org_id BIGINT NOT NULL REFERENCES orgs(id),
    last_scheduled_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE sync_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_kind TEXT NOT NULL,
    source_name TEXT NOT NULL,
    connector_id BIGINT REFERENCES hr_connectors(id),
    scope_org_id BIGINT NOT NULL REFERENCES orgs(id),
    full_roster BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    phase TEXT NOT NULL,
    rows_total BIGINT NOT NULL DEFAULT 0,
    rows_done BIGINT NOT NULL DEFAULT 0,
    counts_json TEXT NOT NULL,
    error_message TEXT,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    applied_by BIGINT REFERENCES users(id),
    applied_at TIMESTAMP
);
CREATE INDEX sync_jobs_scope_idx ON sync_jobs (scope_org_id, id);

-- Only rows that would change something (or cannot be used) are kept; unchanged rows are counted.
CREATE TABLE sync_rows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id BIGINT NOT NULL REFERENCES sync_jobs(id),
    row_number BIGINT NOT NULL,
    change_kind TEXT NOT NULL,
    person_id BIGINT REFERENCES people(id),
    name TEXT,
    employee_number TEXT,
    payload_json TEXT NOT NULL,
    applied BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sync_rows_job_idx ON sync_rows (job_id, change_kind, id);

-- In-app notices (the notifications feature will deliver them by SMS/email too).
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);

-- Leases so that only one server instance runs a scheduled job.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
