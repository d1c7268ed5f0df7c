ALTER TABLE sync_jobs DROP COLUMN file_id;
ALTER TABLE meeting_attachments DROP COLUMN file_id;
DROP TABLE blobs;
DROP TABLE files;
