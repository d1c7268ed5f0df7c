DROP INDEX orgs_term_idx;
DROP TABLE org_terms;
DROP TABLE committee_members;
DROP TABLE elections;
DROP INDEX workflow_instances_one_open_idx;
CREATE UNIQUE INDEX workflow_instances_one_open_idx ON workflow_instances (process, subject_person_id)
    WHERE status IN ('active', 'waiting') AND process <> 'request';
