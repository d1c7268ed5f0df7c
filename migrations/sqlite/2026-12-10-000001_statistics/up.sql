-- History for statistics as of a date (domain.md §6.1: counted by the 正式组织关系).
-- member_periods: which org held a person's relationship, with which membership status, from
-- valid_from (inclusive) to valid_to (exclusive; open while NULL). Written by the members,
-- development, transfers and HR repos whenever the org or status changes or the person leaves.
CREATE TABLE member_periods (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    membership_status TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE
);
CREATE UNIQUE INDEX member_periods_open_idx ON member_periods (person_id) WHERE valid_to IS NULL;
CREATE INDEX member_periods_org_idx ON member_periods (org_id, valid_from, valid_to, membership_status);
CREATE INDEX member_periods_person_idx ON member_periods (person_id, valid_from);

-- org_periods: where an org stood in the tree (its path) from valid_from to valid_to.
CREATE TABLE org_periods (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    path TEXT NOT NULL,
    kind TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE
);
CREATE UNIQUE INDEX org_periods_open_idx ON org_periods (org_id) WHERE valid_to IS NULL;
CREATE INDEX org_periods_path_idx ON org_periods (path, valid_from, valid_to, org_id);

INSERT INTO org_periods (org_id, path, kind, valid_from, valid_to)
    SELECT id, path, kind, COALESCE(founded_on, '1900-01-01'), dissolved_on FROM orgs;
INSERT INTO member_periods (person_id, org_id, membership_status, valid_from, valid_to)
    SELECT id, org_id, membership_status, COALESCE(join_date, '1900-01-01'), left_on FROM people
    WHERE left_kind IS NULL OR left_kind <> 'transfer_in_pending';

-- A generated statistics set (XLSX and PDF), kept and listed; its progress is its job's.
CREATE TABLE statistics_exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    as_of DATE NOT NULL,
    job_id BIGINT NOT NULL REFERENCES jobs(id),
    problems INTEGER NOT NULL DEFAULT 0,
    xlsx_file_id BIGINT REFERENCES files(id),
    pdf_file_id BIGINT REFERENCES files(id),
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX statistics_exports_org_idx ON statistics_exports (org_id, id);

-- The dashboard's aggregates read only these columns of current members per org: the index
-- covers them, so a panel scans the index, not the table.
CREATE INDEX people_statistics_idx ON people (org_id, membership_status, gender, ethnicity, education, occupation,
    birth_date, join_date, full_member_date) WHERE left_on IS NULL;
