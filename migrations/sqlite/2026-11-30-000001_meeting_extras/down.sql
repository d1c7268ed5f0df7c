DROP TABLE meeting_ratings;
DROP TABLE meeting_attachments;
