DROP TABLE dues_quarterly;
DROP TABLE dues_notifications;
DROP TABLE dues_orders;
DROP TABLE dues_months;
DROP TABLE dues_payments;
DROP TABLE dues_reductions;
DROP TABLE dues_bases;
