-- Party dues (党费). Months are stored as the first day of the month; money as integer fen.

-- A member's dues base and category from a month on (the history is every row; the one in
-- force for a month is the latest effective_month not after it). monthly_fen is the standard
-- reckoned by the rules in force when the base was declared (rules_version).
CREATE TABLE dues_bases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id),
    category TEXT NOT NULL,
    base_fen BIGINT NOT NULL,
    monthly_fen BIGINT NOT NULL,
    rules_version TEXT NOT NULL,
    effective_month DATE NOT NULL,
    source TEXT NOT NULL,
    note TEXT,
    recorded_by BIGINT REFERENCES users(id),
    confirmed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX dues_bases_person_month_idx ON dues_bases (person_id, effective_month);

-- Approved reductions and exemptions (减免), from the workflow's decision.
CREATE TABLE dues_reductions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id),
    instance_id BIGINT REFERENCES workflow_instances(id),
    monthly_fen BIGINT NOT NULL,
    first_month DATE NOT NULL,
    last_month DATE,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dues_reductions_person_idx ON dues_reductions (person_id, first_month);

-- Payments: recorded by a branch (cash, bank transfer) or confirmed by the payment provider.
CREATE TABLE dues_payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    method TEXT NOT NULL,
    amount_fen BIGINT NOT NULL,
    dues_fen BIGINT NOT NULL,
    voluntary_fen BIGINT NOT NULL,
    unallocated_fen BIGINT NOT NULL DEFAULT 0,
    remit_central BOOLEAN NOT NULL DEFAULT FALSE,
    first_month DATE,
    last_month DATE,
    paid_on DATE NOT NULL,
    receipt_number TEXT NOT NULL UNIQUE,
    note TEXT,
    order_id BIGINT,
    recorded_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dues_payments_person_idx ON dues_payments (person_id, id);
CREATE INDEX dues_payments_org_idx ON dues_payments (org_id, paid_on);

-- The ledger: what a member owes for a month and to which branch (the one holding the
-- 正式组织关系 when the month's row was generated), and what was paid.
CREATE TABLE dues_months (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    month DATE NOT NULL,
    payable_fen BIGINT NOT NULL,
    reduced BOOLEAN NOT NULL DEFAULT FALSE,
    paid_fen BIGINT NOT NULL DEFAULT 0,
    paid_on DATE,
    payment_id BIGINT REFERENCES dues_payments(id),
    arrears_reason TEXT
);
CREATE UNIQUE INDEX dues_months_person_month_idx ON dues_months (person_id, month);
CREATE INDEX dues_months_month_org_idx ON dues_months (month, org_id, payable_fen, paid_fen);

-- Online payment orders and the provider's notifications about them.
CREATE TABLE dues_orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    out_trade_no TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    provider TEXT NOT NULL,
    first_month DATE,
    last_month DATE,
    dues_fen BIGINT NOT NULL,
    voluntary_fen BIGINT NOT NULL,
    amount_fen BIGINT NOT NULL,
    status TEXT NOT NULL,
    pay_url TEXT,
    transaction_id TEXT UNIQUE,
    payment_id BIGINT REFERENCES dues_payments(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX dues_orders_person_idx ON dues_orders (person_id, id);

CREATE TABLE dues_notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    out_trade_no TEXT,
    verified BOOLEAN NOT NULL,
    outcome TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);

-- Members the branch allows to pay a quarter at once (按季度交纳, with the branch's consent).
CREATE TABLE dues_quarterly (
    person_id BIGINT PRIMARY KEY REFERENCES people(id),
    granted_by BIGINT NOT NULL REFERENCES users(id),
    granted_at TIMESTAMP NOT NULL
);
