-- A subject has at most one open instance of a process, except requests: an official drafts
-- many (the request's subject is its drafter).
DROP INDEX workflow_instances_one_open_idx;
CREATE UNIQUE INDEX workflow_instances_one_open_idx ON workflow_instances (process, subject_person_id)
    WHERE status IN ('active', 'waiting') AND process <> 'request';

-- Requests (请示) and their replies (批复), domain.md §7. Templates are versioned: an edit by the
-- 政工部门 adds a version; a request keeps the version it was drafted from.
CREATE TABLE request_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    -- 事由 pattern for the title, e.g. 关于成立{unit}党支部的请示
    title_pattern TEXT NOT NULL,
    fields_json TEXT NOT NULL,
    body TEXT NOT NULL,
    reply_body TEXT NOT NULL,
    -- The 批复 is normally due this many days after submission.
    reply_days INTEGER NOT NULL,
    -- 永久 / 长期 / 30年 / 10年: the archive's retention period.
    retention TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_by BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX request_templates_code_version_idx ON request_templates (code, version);

-- One request; a workflow instance from submission on (none while it is a draft). The row
-- mirrors the instance for the lists and desk queues, filtered in SQL on either org.
CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id BIGINT REFERENCES workflow_instances(id),
    template_id BIGINT NOT NULL REFERENCES request_templates(id),
    -- 发文机关 and the one 主送机关 (the upper org).
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    to_org_id BIGINT NOT NULL REFERENCES orgs(id),
    cc_json TEXT NOT NULL,
    title TEXT NOT NULL,
    fields_json TEXT NOT NULL,
    body TEXT NOT NULL,
    attachments_json TEXT NOT NULL,
    contact TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    signer_user_id BIGINT NOT NULL REFERENCES users(id),
    -- A case (development, election) that waits for this request's 批复.
    for_instance_id BIGINT REFERENCES workflow_instances(id),
    -- draft / review / signing / submitted / approved / rejected
    stage TEXT NOT NULL,
    due_on DATE,
    archived_at TIMESTAMP,
    drafted_by BIGINT NOT NULL REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX requests_instance_idx ON requests (instance_id);
CREATE INDEX requests_org_idx ON requests (org_id, stage);
CREATE INDEX requests_to_org_idx ON requests (to_org_id, stage);

-- Each org's electronic seal: an image (uploaded, or none for the generated round seal) and an
-- SM2 key pair whose private key is sealed under the deployment key (or held by a device).
CREATE TABLE org_seals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    image_file_id BIGINT REFERENCES files(id),
    -- 机关代字 for 发文字号, e.g. 办公厅党支 → 办公厅党支〔2026〕3号
    doc_prefix TEXT NOT NULL,
    signer TEXT NOT NULL,
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX org_seals_org_idx ON org_seals (org_id);

-- Sealed documents (the 请示 at 签发, the 批复 at approval): the seal usage log. The digest is
-- SM3 over the PDF's bytes; the signature is SM2 over that digest.
CREATE TABLE request_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests(id),
    -- request / reply
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    doc_year INTEGER NOT NULL,
    doc_seq INTEGER NOT NULL,
    doc_number TEXT NOT NULL,
    title TEXT NOT NULL,
    file_id BIGINT NOT NULL REFERENCES files(id),
    digest TEXT NOT NULL,
    signature TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signer TEXT NOT NULL,
    sealed_by BIGINT NOT NULL REFERENCES users(id),
    sealed_by_name TEXT NOT NULL,
    sealed_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX request_documents_code_idx ON request_documents (code);
CREATE UNIQUE INDEX request_documents_number_idx ON request_documents (org_id, doc_year, doc_seq);
CREATE INDEX request_documents_request_idx ON request_documents (request_id);

-- 一键归档: one package per request (documents, history, signatures, manifest with checksums).
CREATE TABLE request_archives (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    year INTEGER NOT NULL,
    retention TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_number TEXT NOT NULL,
    file_id BIGINT NOT NULL REFERENCES files(id),
    manifest_sha256 TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX request_archives_request_idx ON request_archives (request_id);
CREATE INDEX request_archives_org_idx ON request_archives (org_id, year);

-- SMS approval tickets: one per approver and submission. The reply code is the extension the
-- SMS went out on (the provider routes the reply back with it); the link token is stored hashed.
CREATE TABLE sms_approvals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests(id),
    instance_version INTEGER NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    phone TEXT NOT NULL,
    reply_code TEXT NOT NULL,
    token_sha256 TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX sms_approvals_token_idx ON sms_approvals (token_sha256);
CREATE INDEX sms_approvals_phone_idx ON sms_approvals (phone, reply_code);

-- Inbound (上行) messages already handled: a replayed message id is refused.
CREATE TABLE sms_inbound (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL,
    phone TEXT NOT NULL,
    outcome TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX sms_inbound_message_idx ON sms_inbound (message_id);
