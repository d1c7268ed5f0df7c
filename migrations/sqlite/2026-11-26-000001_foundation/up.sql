-- Foundation: the org tree, people, accounts and roles, sessions, audit.
CREATE TABLE orgs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id BIGINT REFERENCES orgs(id),
    path TEXT NOT NULL,
    depth INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    sector TEXT NOT NULL,
    founded_on DATE,
    term_years INTEGER,
    term_started_on DATE,
    status TEXT NOT NULL DEFAULT 'active',
    dissolved_on DATE,
    dissolve_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX orgs_path_idx ON orgs (path);
CREATE INDEX orgs_parent_idx ON orgs (parent_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    ethnicity TEXT NOT NULL,
    birth_date DATE NOT NULL,
    id_card_number TEXT NOT NULL,
    phone TEXT,
    education TEXT,
    occupation TEXT,
    work_unit TEXT,
    department TEXT,
    employee_number TEXT,
    membership_status TEXT NOT NULL,
    join_date DATE,
    full_member_date DATE,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    party_group_id BIGINT REFERENCES orgs(id),
    left_kind TEXT,
    left_on DATE,
    left_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX people_id_card_idx ON people (id_card_number);
CREATE UNIQUE INDEX people_employee_number_idx ON people (employee_number);
CREATE INDEX people_org_status_idx ON people (org_id, membership_status);
-- Lists and counts exclude people who have left: these keep both index-only.
CREATE INDEX people_org_left_idx ON people (org_id, left_on);
CREATE INDEX people_left_idx ON people (left_on);
CREATE INDEX people_phone_idx ON people (phone);
CREATE INDEX people_name_idx ON people (name);

-- History of moves and leave events of a person's record.
CREATE TABLE person_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id),
    event_kind TEXT NOT NULL,
    leave_kind TEXT,
    on_date DATE NOT NULL,
    reason TEXT NOT NULL,
    from_org_id BIGINT REFERENCES orgs(id),
    to_org_id BIGINT REFERENCES orgs(id),
    recorded_by BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX person_events_person_idx ON person_events (person_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    phone TEXT,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    person_id BIGINT REFERENCES people(id),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    last_login_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_username_idx ON users (username);
CREATE UNIQUE INDEX users_phone_idx ON users (phone);

CREATE TABLE role_assignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    title TEXT,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    active_role_id BIGINT NOT NULL REFERENCES role_assignments(id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    absolute_expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    ip TEXT,
    user_agent TEXT
);
CREATE UNIQUE INDEX sessions_token_idx ON sessions (token_hash);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL,
    ip TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_login_idx ON login_failures (login, at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TIMESTAMP NOT NULL,
    user_id BIGINT REFERENCES users(id),
    role_assignment_id BIGINT,
    role_kind TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    ip TEXT
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);
