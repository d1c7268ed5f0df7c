DROP TABLE audit_log;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE role_assignments;
DROP TABLE users;
DROP TABLE person_events;
DROP TABLE people;
DROP TABLE orgs;
