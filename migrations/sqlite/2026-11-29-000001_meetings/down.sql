DROP TABLE settings;
DROP TABLE outbox;
DROP TABLE meeting_amendments;
DROP TABLE meeting_attendees;
DROP TABLE meetings;
