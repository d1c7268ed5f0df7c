DROP TABLE job_leases;
DROP TABLE notifications;
DROP TABLE sync_rows;
DROP TABLE sync_jobs;
DROP TABLE hr_connectors;
ALTER TABLE people DROP COLUMN hr_left_on;
