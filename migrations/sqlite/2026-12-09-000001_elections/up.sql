-- Elections (成立、换届、增补) are workflow instances whose subject is the official who started
-- them; one org has at most one open election (the elections row below), not one per person.
DROP INDEX workflow_instances_one_open_idx;
CREATE UNIQUE INDEX workflow_instances_one_open_idx ON workflow_instances (process, subject_person_id)
    WHERE status IN ('active', 'waiting') AND process NOT IN ('request', 'election');

-- One election case, mirroring its instance for the lists (filtered in SQL by org subtree).
CREATE TABLE elections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id BIGINT NOT NULL REFERENCES workflow_instances(id),
    -- The org that elects (for a founding: the org the new branch's members come from).
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    kind TEXT NOT NULL,
    is_open BOOLEAN NOT NULL,
    -- The branch a founding created.
    new_org_id BIGINT REFERENCES orgs(id),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX elections_instance_idx ON elections (instance_id);
CREATE UNIQUE INDEX elections_one_open_idx ON elections (org_id) WHERE is_open;

-- The committee of an org (or its 书记 and 副书记 when it has no committee), as data: who holds
-- which post since when, how they came in, and when and why they left. The 党支部/党委 role of
-- a member with an account is granted with the post and revoked when it ends.
CREATE TABLE committee_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    post TEXT NOT NULL,
    came_in TEXT NOT NULL,
    since DATE NOT NULL,
    election_id BIGINT REFERENCES elections(id),
    role_assignment_id BIGINT REFERENCES role_assignments(id),
    left_on DATE,
    left_reason TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX committee_members_org_idx ON committee_members (org_id, left_on);
CREATE INDEX committee_members_person_idx ON committee_members (person_id, left_on);
CREATE UNIQUE INDEX committee_members_one_post_idx ON committee_members (org_id, person_id) WHERE left_on IS NULL;
CREATE UNIQUE INDEX committee_members_one_secretary_idx ON committee_members (org_id)
    WHERE left_on IS NULL AND post = 'secretary';

-- Terms of office: the current one is also on orgs (term_started_on, term_years) for the
-- reminders; this keeps the history.
CREATE TABLE org_terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    started_on DATE NOT NULL,
    years INTEGER NOT NULL,
    ends_on DATE NOT NULL,
    -- Seats filled at the election that started the term (fewer open seats: a vacancy).
    seats INTEGER NOT NULL,
    ended_on DATE,
    election_id BIGINT REFERENCES elections(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX org_terms_org_idx ON org_terms (org_id, started_on);
-- The subtree listing of terms sorts and filters on the end of the current term.
CREATE INDEX orgs_term_idx ON orgs (term_started_on);
