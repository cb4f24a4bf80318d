package com.mustbeviral.gateway.ratelimit;

import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Request quotas as billing decides them ({@code limits.api_requests_per_minute} of
 * {@code entitlements.updated}), with the configuration's plan quotas as the fallback until billing has
 * spoken. Two things are learnt, both kept in Redis for every gateway instance:
 * <ul>
 * <li>each user's own quota ({@code gateway:quota:user:<id>}), which the rate-limit script reads in the
 * request's one round trip, so an upgrade counts before the user's next token carries the new plan;
 * it lives until a day after the period it was decided for (later periods bring a new decision);</li>
 * <li>each plan's quota ({@code gateway:quota:plans}), which every instance copies into memory
 * ({@code gateway.rate-limit.billing-refresh}) for users billing has said nothing about yet.</li>
 * </ul>
 * Decisions may arrive in any order; the newest is kept, by the rule auth and content-service use: a
 * later period wins, and within one period the later decision (the CloudEvent's time).
 */
@Singleton
public class BillingQuotas {

    private static final Logger LOG = Logger.getLogger(BillingQuotas.class);

    /** Prefix of the per-user quota hashes; the rate-limit script reads field {@code limit}. */
    public static final String USER_PREFIX = "gateway:quota:user:";
    /** Hash of plan → requests per minute, and plan + {@code :decided_at} → when billing decided it. */
    static final String PLANS = "gateway:quota:plans";
    /** Billing's quotas are per minute. */
    static final long PERIOD_MICROS = Duration.ofMinutes(1).toNanos() / 1000;

    private static final Duration KEPT_AFTER_PERIOD = Duration.ofDays(1);

    // KEYS[1] the user's quota; KEYS[2] the plans. ARGV: requests per minute, period start (ms),
    // decided at (ms), the user's quota expires at (ms), plan. Returns 1 when the user's quota changed.
    static final String LEARN = """
            local rpm, start, at = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
            local known_start = tonumber(redis.call('HGET', KEYS[1], 'period_start') or '-1')
            local known_at = tonumber(redis.call('HGET', KEYS[1], 'decided_at') or '-1')
            local changed = 0
            if start > known_start or (start == known_start and at >= known_at) then
              redis.call('HSET', KEYS[1], 'limit', rpm, 'period_start', ARGV[2], 'decided_at', ARGV[3])
              redis.call('PEXPIREAT', KEYS[1], ARGV[4])
              changed = 1
            end
            local plan_at = tonumber(redis.call('HGET', KEYS[2], ARGV[5] .. ':decided_at') or '-1')
            if at >= plan_at then
              redis.call('HSET', KEYS[2], ARGV[5], rpm, ARGV[5] .. ':decided_at', ARGV[3])
            end
            return changed
            """;

    private final Redis redis;
    private final Vertx vertx;
    private final long refreshTimer;
    // Replaced whole, never changed in place: the request path reads it without a lock.
    private volatile Map<String, RatePolicy> plans = Map.of();

    BillingQuotas(Redis redis, Vertx vertx, GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.refreshTimer = vertx.setPeriodic(1, config.rateLimit().billingRefresh().toMillis(), id -> refresh());
    }

    /** The quota billing gave {@code plan}, if it has said. */
    public Optional<RatePolicy> plan(String plan) {
        return Optional.ofNullable(plans.get(plan));
    }

    /**
     * Learns one decision of billing; completes once Redis has it. A quota of 0 (a producer that does
     * not know the gateway's limits) teaches nothing.
     */
    public Future<Void> learn(EntitlementsUpdated update, Instant decidedAt) {
        long perMinute = update.limits().apiRequestsPerMinute();
        if (perMinute <= 0) {
            return Future.succeededFuture();
        }
        long expiresAt = update.periodEnd().plus(KEPT_AFTER_PERIOD).toEpochMilli();
        return redis.send(Request.cmd(Command.EVAL).arg(LEARN).arg(2)
                        .arg(USER_PREFIX + update.userId()).arg(PLANS)
                        .arg(perMinute).arg(update.periodStart().toEpochMilli()).arg(decidedAt.toEpochMilli())
                        .arg(expiresAt).arg(update.plan()))
                .compose(changed -> refresh());
    }

    /** Copies the plans' quotas from Redis into memory. */
    Future<Void> refresh() {
        // Through Lua: a flat array of field, value, whichever protocol the connection speaks.
        return redis.send(Request.cmd(Command.EVAL).arg("return redis.call('HGETALL', KEYS[1])").arg(1).arg(PLANS))
                .map(reply -> {
                    plans = quotas(reply);
                    return (Void) null;
                }).onFailure(failure -> LOG.debugf("Plan quotas not refreshed from Redis: %s", failure.getMessage()));
    }

    private static Map<String, RatePolicy> quotas(Response reply) {
        Map<String, RatePolicy> quotas = new HashMap<>();
        for (int i = 0; reply != null && i + 1 < reply.size(); i += 2) {
            String field = reply.get(i).toString();
            if (!field.endsWith(":decided_at")) {
                int perMinute = reply.get(i + 1).toInteger();
                if (perMinute > 0) {
                    quotas.put(field, perMinute(field, perMinute));
                }
            }
        }
        return Map.copyOf(quotas);
    }

    /** A quota of {@code limit} requests per minute, as billing gives them. */
    static RatePolicy perMinute(String name, int limit) {
        return new RatePolicy(name, limit, Duration.ofMinutes(1));
    }

    @PreDestroy
    void close() {
        vertx.cancelTimer(refreshTimer);
    }
}
