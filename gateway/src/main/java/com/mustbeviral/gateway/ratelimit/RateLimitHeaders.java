package com.mustbeviral.gateway.ratelimit;

import io.vertx.core.MultiMap;
import java.time.Clock;

/**
 * The rate-limit headers of a limited response: {@code RateLimit-Policy} and {@code RateLimit} as
 * draft-ietf-httpapi-ratelimit-headers (-09 and later) writes them, e.g. {@code "free";q=120;w=60}
 * and {@code "free";r=119;t=1}, and the older {@code X-RateLimit-*} trio many clients still read
 * ({@code X-RateLimit-Reset} in epoch seconds, as GitHub's). {@code Retry-After} on refusals.
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** Sets the headers of {@code decision} on {@code headers}; {@code clock} dates the reset. */
    public static void apply(RateDecision decision, MultiMap headers, Clock clock) {
        RatePolicy policy = decision.policy();
        long resetSeconds = ceilSeconds(decision.resetMicros());
        String name = '"' + policy.name() + '"';
        headers.set("RateLimit-Policy", name + ";q=" + policy.limit() + ";w=" + policy.period().toSeconds());
        headers.set("RateLimit", name + ";r=" + decision.remaining() + ";t=" + resetSeconds);
        headers.set("X-RateLimit-Limit", Integer.toString(policy.limit()));
        headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(clock.millis() / 1000 + resetSeconds));
        if (!decision.allowed()) {
            // At least 1: a client told to retry after 0 s would spin.
            headers.set("Retry-After", Long.toString(Math.max(1, ceilSeconds(decision.retryAfterMicros()))));
        }
    }

    private static long ceilSeconds(long micros) {
        return (micros + 999_999) / 1_000_000;
    }
}
