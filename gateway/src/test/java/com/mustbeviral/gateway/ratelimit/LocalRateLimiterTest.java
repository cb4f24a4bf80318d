package com.mustbeviral.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private static final RatePolicy TEN_PER_MINUTE = new RatePolicy("free", 10, Duration.ofMinutes(1));

    private final AtomicLong micros = new AtomicLong(1_000_000_000_000L);
    private final LocalRateLimiter limiter = new LocalRateLimiter(micros::get);

    @Test
    void letsExactlyTheLimitThroughUnderConcurrency() throws Exception {
        RatePolicy policy = new RatePolicy("tiny", 25, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(() -> limiter.decide(new RateBucket(policy, "user:1", 1)).allowed());
            }
            long allowed = 0;
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                allowed += result.get() ? 1 : 0;
            }
            assertEquals(25, allowed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsDownRemainingAndRefusesOnceTheBurstIsSpent() {
        RateBucket bucket = new RateBucket(TEN_PER_MINUTE, "user:1", 1);
        for (int i = 9; i >= 0; i--) {
            RateDecision decision = limiter.decide(bucket);
            assertTrue(decision.allowed());
            assertEquals(i, decision.remaining());
        }
        RateDecision refused = limiter.decide(bucket);
        assertFalse(refused.allowed());
        assertEquals(6_000_000, refused.retryAfterMicros(), "one unit comes back every 6 s");
    }

    @Test
    void givesBackOneUnitPerEmissionInterval() {
        RateBucket bucket = new RateBucket(TEN_PER_MINUTE, "user:1", 1);
        for (int i = 0; i < 10; i++) {
            limiter.decide(bucket);
        }
        micros.addAndGet(6_000_000);
        assertTrue(limiter.decide(bucket).allowed());
        assertFalse(limiter.decide(bucket).allowed());
    }

    @Test
    void chargesTheCostOfARoute() {
        RateDecision decision = limiter.decide(new RateBucket(TEN_PER_MINUTE, "user:1", 4));
        assertEquals(6, decision.remaining());
    }

    @Test
    void refusesARequestCostingMoreThanIsLeftWithoutChargingIt() {
        limiter.decide(new RateBucket(TEN_PER_MINUTE, "user:1", 8));
        assertFalse(limiter.decide(new RateBucket(TEN_PER_MINUTE, "user:1", 5)).allowed());
        assertTrue(limiter.decide(new RateBucket(TEN_PER_MINUTE, "user:1", 2)).allowed());
    }

    @Test
    void keepsBucketsOfDifferentCallersApart() {
        for (int i = 0; i < 10; i++) {
            limiter.decide(new RateBucket(TEN_PER_MINUTE, "user:1", 1));
        }
        assertTrue(limiter.decide(new RateBucket(TEN_PER_MINUTE, "user:2", 1)).allowed());
    }
}
