DROP INDEX people_statistics_idx;
DROP TABLE statistics_exports;
DROP TABLE org_periods;
DROP TABLE member_periods;
