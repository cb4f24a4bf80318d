package com.mustbeviral.gateway.ratelimit;

import com.mustbeviral.gateway.observability.EdgeMetrics;
import com.mustbeviral.gateway.revocation.RevokedSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a request fits its rate limit, and whether its session was revoked, in one Redis
 * round trip. No request waits on Redis longer than {@code gateway.rate-limit.redis-timeout}: past
 * it, or when Redis is down, the in-process limiter answers and the fallback is counted.
 */
@Singleton
public class RateLimiter {

    private final RedisLink link;
    private final RedisRateLimiter redis;
    private final LocalRateLimiter local;
    private final RevokedSessions revokedSessions;
    private final EdgeMetrics metrics;
    private final Vertx vertx;
    private final long sweepTimer;

    RateLimiter(RedisLink link, RevokedSessions revokedSessions, EdgeMetrics metrics, Vertx vertx, Clock clock) {
        this.link = link;
        this.redis = new RedisRateLimiter(link);
        this.local = new LocalRateLimiter(() -> clock.millis() * 1000);
        this.revokedSessions = revokedSessions;
        this.metrics = metrics;
        this.vertx = vertx;
        this.sweepTimer = vertx.setPeriodic(60_000, id -> local.sweep());
        metrics.redisAvailability(link::available);
    }

    /** The decision for {@code bucket}; {@code sessionId} (may be null) is checked for revocation on the way. */
    public Future<RateDecision> decide(RateBucket bucket, String sessionId) {
        if (!link.available()) {
            metrics.fallback("redis_down");
            return Future.succeededFuture(locally(bucket, sessionId));
        }
        // RedisLink bounds the wait (gateway.rate-limit.redis-timeout) and fails with a TimeoutException.
        return redis.decide(bucket, sessionId)
                .recover(failure -> {
                    link.markDown(failure);
                    metrics.fallback(failure instanceof TimeoutException ? "redis_timeout" : "redis_error");
                    return Future.succeededFuture(locally(bucket, sessionId));
                });
    }

    private RateDecision locally(RateBucket bucket, String sessionId) {
        // Only the revocations this instance consumed itself: the others are in Redis, out of reach now.
        if (sessionId != null && revokedSessions.isRevokedLocally(sessionId)) {
            return RateDecision.revoked(bucket.policy());
        }
        return local.decide(bucket);
    }

    @PreDestroy
    void close() {
        vertx.cancelTimer(sweepTimer);
    }
}
