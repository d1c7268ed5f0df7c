DROP TABLE sms_inbound;
DROP TABLE sms_approvals;
DROP TABLE request_archives;
DROP TABLE request_documents;
DROP TABLE org_seals;
DROP TABLE requests;
DROP TABLE request_templates;
DROP INDEX workflow_instances_one_open_idx;
CREATE UNIQUE INDEX workflow_instances_one_open_idx ON workflow_instances (process, subject_person_id)
    WHERE status IN ('active', 'waiting');
