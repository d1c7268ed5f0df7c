-- Meeting attachments (content-addressed files on disk) and 民主评议 ratings.
CREATE TABLE meeting_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id),
    sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX meeting_attachments_meeting_idx ON meeting_attachments (meeting_id);

CREATE TABLE meeting_ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    self_assessment TEXT,
    peer_excellent INTEGER NOT NULL DEFAULT 0,
    peer_qualified INTEGER NOT NULL DEFAULT 0,
    peer_basic INTEGER NOT NULL DEFAULT 0,
    peer_unqualified INTEGER NOT NULL DEFAULT 0,
    committee_rating TEXT,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX meeting_ratings_unique_idx ON meeting_ratings (meeting_id, person_id);
