-- billing's entitlements.updated may arrive out of order (a redelivery, a replay, a partition's lag):
-- the plan remembers which decision it came from, so that an older one never overwrites a newer one.
-- NULL: the plan has not come from billing yet (registration's default), so any decision applies.
ALTER TABLE users ADD COLUMN plan_period_start BIGINT;
ALTER TABLE users ADD COLUMN plan_decided_at BIGINT;
