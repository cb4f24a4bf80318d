-- Shared by every service (platform module): ids of consumed events, written in the same
-- transaction as their effect (ProcessedEvents), so that a redelivery is a no-op.
CREATE TABLE processed_events (
    event_id     TEXT   PRIMARY KEY,
    processed_at BIGINT NOT NULL
);
