DROP TABLE calendar_days;
DROP TABLE workflow_events;
DROP TABLE workflow_instances;
