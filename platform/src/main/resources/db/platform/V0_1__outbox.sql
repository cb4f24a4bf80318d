-- Shared by every service (platform module, location db/platform): the events a service publishes,
-- written in the same transaction as the change they describe; OutboxRelay publishes them in
-- position (commit) order and marks them sent. Versions 0.x run before a service's own V1.
CREATE TABLE outbox (
    position    INTEGER PRIMARY KEY,
    event_id    TEXT    NOT NULL UNIQUE,
    topic       TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    occurred_at BIGINT  NOT NULL,
    sent_at     BIGINT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX idx_outbox_unsent ON outbox (position) WHERE sent_at IS NULL;
