-- audit-service owns the tamper-evident audit trail, data-subject requests and retention policies.
-- Times are epoch milliseconds (BIGINT): portable, compact and sortable.

-- One row per domain event of the fleet. hash = SHA-256(prev_hash || canonical fields): changing or
-- removing any row breaks every later hash. seq is the chain position (insertion order).
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    event_id     TEXT    NOT NULL UNIQUE,
    event_type   TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    subject      TEXT,
    actor_id     TEXT,
    occurred_at  BIGINT  NOT NULL,
    recorded_at  BIGINT  NOT NULL,
    before_value TEXT,
    after_value  TEXT,
    payload      TEXT    NOT NULL,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL
);
CREATE INDEX idx_audit_log_subject ON audit_log (subject, seq);
CREATE INDEX idx_audit_log_actor ON audit_log (actor_id, seq) WHERE actor_id IS NOT NULL;
CREATE INDEX idx_audit_log_type_time ON audit_log (event_type, occurred_at DESC);

-- Export and erasure requests of a data subject, fanned out to every service over privacy.requests.
CREATE TABLE data_subject_requests (
    id           TEXT    PRIMARY KEY,
    user_id      TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('export', 'erasure')),
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'failed')),
    parts_expected INTEGER NOT NULL DEFAULT 0,
    parts_received INTEGER NOT NULL DEFAULT 0,
    result       TEXT,
    requested_at BIGINT  NOT NULL,
    completed_at BIGINT
);
CREATE INDEX idx_dsr_user ON data_subject_requests (user_id, requested_at DESC);

-- The answer of one service to one data-subject request.
CREATE TABLE data_subject_request_parts (
    request_id  TEXT   NOT NULL REFERENCES data_subject_requests (id),
    service     TEXT   NOT NULL,
    payload     TEXT,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (request_id, service)
);

-- How long each kind of record is kept.
CREATE TABLE retention_policies (
    record_type    TEXT    PRIMARY KEY,
    retention_days INTEGER NOT NULL CHECK (retention_days > 0),
    updated_at     BIGINT  NOT NULL
);

-- outbox and processed_events: the platform's shared migrations (db/platform).
