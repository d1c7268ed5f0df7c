DROP INDEX workflow_instances_waiting_for_idx;
DROP INDEX workflow_instances_one_open_idx;
ALTER TABLE workflow_instances DROP COLUMN waiting_for;
