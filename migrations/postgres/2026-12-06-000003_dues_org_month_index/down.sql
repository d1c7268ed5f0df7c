DROP INDEX dues_months_org_month_idx;
