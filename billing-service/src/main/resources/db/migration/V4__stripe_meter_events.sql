-- Usage on its way to Stripe as billing meter events (Stripe mode only). A row is written in the
-- transaction that books the usage event in the ledger, so a booked unit is never lost on the way;
-- StripeMeterReporter sends it after the commit and deletes it once Stripe has it. event_id is the
-- usage event's id and the meter event's identifier: a resend after a crash is deduplicated by Stripe.
CREATE TABLE stripe_meter_events (
    event_id        TEXT    PRIMARY KEY,
    customer_id     TEXT    NOT NULL,
    event_name      TEXT    NOT NULL,
    value           INTEGER NOT NULL CHECK (value > 0),
    -- The meter event's timestamp: when the usage happened (Stripe takes up to 35 days back).
    occurred_at     BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    -- Stripe refused it for good (a 4xx other than rate limiting or authentication): kept for an
    -- operator, never resent.
    refused_at      BIGINT,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX ix_stripe_meter_events_due ON stripe_meter_events (next_attempt_at) WHERE refused_at IS NULL;
