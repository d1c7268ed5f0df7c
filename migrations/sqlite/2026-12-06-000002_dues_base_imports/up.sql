-- A yearly base declaration uploaded by a branch or committee: the checked rows wait here
-- between the preview and the apply.
CREATE TABLE dues_base_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    file_name TEXT NOT NULL,
    rows_json TEXT NOT NULL,
    valid_rows INTEGER NOT NULL,
    error_rows INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    applied_at TIMESTAMP
);
