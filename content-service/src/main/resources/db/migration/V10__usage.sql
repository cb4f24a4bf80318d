-- Usage metering (DESIGN.md, flow 3): content enforces the limits billing publishes
-- (entitlements.updated on billing.events) itself, so a request never waits on billing.

-- The newest entitlements billing published per user; a user without a row is on the free plan
-- from configuration (content.usage.free.*).
CREATE TABLE usage_entitlements (
    user_id         TEXT    PRIMARY KEY,
    plan            TEXT    NOT NULL,
    ai_generations  BIGINT  NOT NULL CHECK (ai_generations >= 0),
    publishes       BIGINT  NOT NULL CHECK (publishes >= 0),
    api_calls       BIGINT  NOT NULL CHECK (api_calls >= 0),
    period_start    BIGINT  NOT NULL,
    period_end      BIGINT  NOT NULL CHECK (period_end > period_start),
    -- When billing decided (the event's time): of two updates for one period the later one wins.
    decided_at      BIGINT  NOT NULL,
    event_id        TEXT    NOT NULL
);

-- Counts per user, feature and period: used (committed) and reserved (in flight). A reservation
-- succeeds only while used + reserved < the limit, in one UPDATE, so that concurrent requests
-- can never take more than the limit.
CREATE TABLE usage_counters (
    user_id       TEXT    NOT NULL,
    feature       TEXT    NOT NULL CHECK (feature IN ('ai_generations', 'publishes')),
    period_start  BIGINT  NOT NULL,
    used          BIGINT  NOT NULL DEFAULT 0 CHECK (used >= 0),
    reserved      BIGINT  NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    PRIMARY KEY (user_id, feature, period_start)
);

-- One row per reservation: reserved until committed (counted, usage.incremented published with
-- the reservation id as event id), released (the action failed) or expired (held past its time).
CREATE TABLE usage_reservations (
    id            TEXT    PRIMARY KEY,
    user_id       TEXT    NOT NULL,
    feature       TEXT    NOT NULL,
    period_start  BIGINT  NOT NULL,
    period_end    BIGINT  NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('reserved', 'committed', 'released', 'expired')),
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    settled_at    BIGINT,
    FOREIGN KEY (user_id, feature, period_start) REFERENCES usage_counters (user_id, feature, period_start)
);
CREATE INDEX idx_usage_reservations_open ON usage_reservations (user_id, feature, expires_at) WHERE state = 'reserved';
