-- A user's Stripe customer, created at their first checkout (before any subscription exists).
CREATE TABLE stripe_customers (
    user_id     TEXT   PRIMARY KEY,
    customer_id TEXT   NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
