DROP TABLE sms_inbound;
DROP TABLE sms_approvals;
DROP TABLE request_archives;
DROP TABLE request_documents;
DROP TABLE org_seals;
DROP TABLE requests;
DROP TABLE request_templates;
