package com.mustbeviral.gateway.ratelimit;

/**
 * The generic cell rate algorithm, the same arithmetic as the Redis script ({@link RedisRateLimiter}):
 * a bucket is one number, its theoretical arrival time (TAT). A request of cost c moves it c emission
 * intervals later; it is refused when that would put the TAT more than a whole period ahead of now.
 * Exact, constant memory per bucket, and no window edges to burst across.
 */
final class Gcra {

    private Gcra() {
    }

    /** The outcome of one request, and the bucket's TAT afterwards (unchanged when refused). */
    record Step(long newTat, RateDecision decision) {
    }

    static Step apply(RatePolicy policy, long tat, long nowMicros, int cost) {
        long interval = policy.emissionIntervalMicros();
        long capacity = interval * policy.limit();
        long start = Math.max(tat, nowMicros);
        long next = start + interval * cost;
        if (next - nowMicros > capacity) {
            return new Step(tat, new RateDecision(false, false, policy, 0, start - nowMicros, next - capacity - nowMicros));
        }
        long remaining = (capacity - (next - nowMicros)) / interval;
        return new Step(next, new RateDecision(true, false, policy, remaining, next - nowMicros, 0));
    }
}
