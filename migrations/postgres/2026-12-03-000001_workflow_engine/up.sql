-- The workflow engine: an instance may wait for another instance (a 请示 for its 批复), and a
-- subject has at most one open instance of a process, so two concurrent starts cannot both win.
ALTER TABLE workflow_instances ADD COLUMN waiting_for BIGINT REFERENCES workflow_instances(id);
CREATE UNIQUE INDEX workflow_instances_one_open_idx ON workflow_instances (process, subject_person_id)
    WHERE status IN ('active', 'waiting');
CREATE INDEX workflow_instances_waiting_for_idx ON workflow_instances (waiting_for);
