-- The collection report sums an org's months: by org, then month, read from the index alone.
CREATE INDEX dues_months_org_month_idx ON dues_months (org_id, month, payable_fen, paid_fen);
