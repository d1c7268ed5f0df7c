-- The file store: one row per stored file (content-addressed by sha256), owned by an org for
-- its quota. `blobs` holds the bytes when `files.backend = "database"`.
CREATE TABLE files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX files_org_idx ON files (org_id);
CREATE INDEX files_sha_idx ON files (sha256);

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BLOB NOT NULL
);

ALTER TABLE meeting_attachments ADD COLUMN file_id BIGINT REFERENCES files(id);
ALTER TABLE sync_jobs ADD COLUMN file_id BIGINT REFERENCES files(id);
