-- Plans carry every limit the fleet enforces; subscriptions can wait for their period's end to
-- change plan; local invoices (no Stripe key) and the ledger's limit-reached marks.

-- Requests per minute at the gateway, media storage, seats for later workspaces.
ALTER TABLE plans ADD COLUMN api_requests_per_minute INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN media_storage_mb INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN seats INTEGER NOT NULL DEFAULT 1;
UPDATE plans SET api_requests_per_minute = 120, media_storage_mb = 500, seats = 1 WHERE id = 'free';
UPDATE plans SET api_requests_per_minute = 600, media_storage_mb = 10240, seats = 1,
                 stripe_price_id = 'price_mbv_pro_month' WHERE id = 'pro';
UPDATE plans SET api_requests_per_minute = 3000, media_storage_mb = 102400, seats = 10,
                 stripe_price_id = 'price_mbv_business_month' WHERE id = 'business';
-- OAuth partner clients: given by an admin, never open for sign-up (inactive: not on the price list).
INSERT INTO plans (id, name, price_cents, billing_interval, ai_generations, publishes, api_calls, overage_cents_per_unit,
                   sort_order, active, api_requests_per_minute, media_storage_mb, seats)
VALUES ('partner', 'Partner', 0, 'month', 1000, 1000, 100000, 0, 3, FALSE, 1200, 10240, 1);

-- A downgrade takes effect at the period's end: the plan waiting for it.
ALTER TABLE subscriptions ADD COLUMN pending_plan_id TEXT REFERENCES plans (id);
CREATE INDEX ix_subscriptions_period_end ON subscriptions (current_period_end) WHERE status <> 'canceled';

-- Charges: computed here without a Stripe key (prorations, renewals); Stripe's own with one.
CREATE TABLE invoices (
    id                TEXT    PRIMARY KEY,
    user_id           TEXT    NOT NULL,
    subscription_id   TEXT    REFERENCES subscriptions (id),
    amount_cents      INTEGER NOT NULL,
    currency          TEXT    NOT NULL,
    description       TEXT    NOT NULL,
    period_start      BIGINT  NOT NULL,
    period_end        BIGINT  NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('open', 'paid', 'void')),
    stripe_invoice_id TEXT    UNIQUE,
    created_at        BIGINT  NOT NULL
);
CREATE INDEX ix_invoices_user ON invoices (user_id, created_at);

-- usage.limit-reached goes out once per user, feature and period: the counter remembers it.
ALTER TABLE usage_counters ADD COLUMN limit_reached_at BIGINT;
