package com.mustbeviral.gateway.ratelimit;

import java.time.Duration;

/**
 * A named quota: {@code limit} units per {@code period}, spread evenly (GCRA), with bursts of up to
 * {@code limit}. The name shows in the rate-limit headers and in the Redis key.
 */
public record RatePolicy(String name, int limit, Duration period) {

    public RatePolicy {
        if (limit < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalStateException("Rate policy " + name + " needs a limit >= 1 and a positive period");
        }
    }

    /** Microseconds one unit of quota takes to come back. */
    long emissionIntervalMicros() {
        return Math.max(1, period.toNanos() / 1000 / limit);
    }
}
