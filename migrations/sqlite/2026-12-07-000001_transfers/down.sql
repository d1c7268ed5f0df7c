DROP TABLE transfer_letters;
DROP TABLE transfers;
