-- billing-service owns plans, subscriptions, the usage ledger and Stripe's webhook log.
-- Ids are UUID strings; times are epoch milliseconds (BIGINT); money in minor units (cents).

CREATE TABLE plans (
    id                 TEXT    PRIMARY KEY,
    name               TEXT    NOT NULL,
    price_cents        INTEGER NOT NULL CHECK (price_cents >= 0),
    currency           TEXT    NOT NULL DEFAULT 'usd',
    billing_interval   TEXT    NOT NULL CHECK (billing_interval IN ('month', 'year')),
    -- Included units per period for each metered feature; above them a paid plan is billed per unit.
    ai_generations     INTEGER NOT NULL,
    publishes          INTEGER NOT NULL,
    api_calls          INTEGER NOT NULL,
    overage_cents_per_unit INTEGER NOT NULL DEFAULT 0,
    stripe_price_id    TEXT,
    active             BOOLEAN NOT NULL DEFAULT TRUE,
    sort_order         INTEGER NOT NULL DEFAULT 0
);

INSERT INTO plans (id, name, price_cents, billing_interval, ai_generations, publishes, api_calls, overage_cents_per_unit, sort_order)
VALUES ('free', 'Free', 0, 'month', 10, 20, 1000, 0, 0),
       ('pro', 'Pro', 1900, 'month', 200, 500, 50000, 5, 1),
       ('business', 'Business', 9900, 'month', 2000, 5000, 500000, 3, 2);

CREATE TABLE subscriptions (
    id                     TEXT   PRIMARY KEY,
    user_id                TEXT   NOT NULL,
    plan_id                TEXT   NOT NULL REFERENCES plans (id),
    status                 TEXT   NOT NULL CHECK (status IN ('active', 'trialing', 'past_due', 'canceled')),
    stripe_customer_id     TEXT,
    stripe_subscription_id TEXT UNIQUE,
    -- Periods reset on the billing anchor, not on calendar months.
    billing_anchor         BIGINT NOT NULL,
    current_period_start   BIGINT NOT NULL,
    current_period_end     BIGINT NOT NULL,
    cancel_at_period_end   BOOLEAN NOT NULL DEFAULT FALSE,
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_subscriptions_live_user ON subscriptions (user_id) WHERE status <> 'canceled';

-- The usage ledger: one counter per user, feature and period.
CREATE TABLE usage_counters (
    user_id      TEXT    NOT NULL,
    feature      TEXT    NOT NULL CHECK (feature IN ('ai_generations', 'publishes', 'api_calls')),
    period_start BIGINT  NOT NULL,
    period_end   BIGINT  NOT NULL,
    used         INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0),
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (user_id, feature, period_start)
);

-- Stripe webhook deliveries already handled (Stripe retries; each event id counts once).
CREATE TABLE stripe_webhook_events (
    stripe_event_id TEXT   PRIMARY KEY,
    event_type      TEXT   NOT NULL,
    received_at     BIGINT NOT NULL,
    processed_at    BIGINT
);

-- outbox and processed_events: the platform's shared migrations (db/platform).
