package com.mustbeviral.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The gateway's own counters beside Quarkus' per-route request metrics: refused tokens by reason,
 * 429s by policy, and requests whose rate limit was decided in-process because Redis was away.
 * Tag values come from small fixed sets (reasons, configured policy names), never from requests.
 */
@Singleton
public class EdgeMetrics {

    static final String AUTH_FAILURES = "gateway.auth.failures";
    static final String RATE_LIMITED = "gateway.rate_limit.rejections";
    static final String FALLBACK = "gateway.rate_limit.fallback";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request refused for its token (401) or its scopes (403). */
    public void authFailure(String reason) {
        counter(AUTH_FAILURES, "reason", reason).increment();
    }

    /** A request refused with 429 under {@code policy}. */
    public void rateLimited(String policy) {
        counter(RATE_LIMITED, "policy", policy).increment();
    }

    /** A rate-limit decision taken in-process, and why Redis did not take it. */
    public void fallback(String reason) {
        counter(FALLBACK, "reason", reason).increment();
    }

    /** Registers {@code gateway.rate_limit.redis.available}: 1 while limits live in Redis, 0 in fallback. */
    public void redisAvailability(BooleanSupplier available) {
        // A strong reference: Micrometer holds gauge state weakly, and nothing else holds this supplier.
        Gauge.builder("gateway.rate_limit.redis.available", available, a -> a.getAsBoolean() ? 1 : 0)
                .description("1 while rate limits are decided in Redis, 0 while in-process")
                .strongReference(true)
                .register(registry);
    }

    private Counter counter(String name, String tag, String value) {
        // Cached: the registry's own lookup allocates tags on every call, on the hot path.
        return counters.computeIfAbsent(name + '\0' + value, k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
