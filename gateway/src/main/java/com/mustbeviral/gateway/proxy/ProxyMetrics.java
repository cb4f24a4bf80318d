package com.mustbeviral.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Counts proxied requests of one upstream by the status class sent to the client
 * ({@code gateway.proxy.requests}, including the gateway's own 413/502/504) and times the upstream
 * from sending the request to its response headers or its failure ({@code gateway.upstream.latency}).
 */
final class ProxyMetrics {

    static final String REQUESTS = "gateway.proxy.requests";
    static final String LATENCY = "gateway.upstream.latency";

    private final Timer latency;
    // Registered once: a registry lookup per request allocates its tags on the hot path.
    private final Counter[] byStatusClass = new Counter[6];

    ProxyMetrics(MeterRegistry registry, String upstream) {
        this.latency = Timer.builder(LATENCY)
                .description("Time from sending a request upstream to its response headers, or to its failure")
                .tag("upstream", upstream)
                .publishPercentileHistogram()
                .register(registry);
        // Status classes, not codes: a handful of series per upstream whatever the services answer.
        for (int i = 1; i <= 5; i++) {
            byStatusClass[i] = registry.counter(REQUESTS, "upstream", upstream, "status_class", i + "xx");
        }
    }

    void upstreamAnswered(long startNanos) {
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void sent(int status) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= 5) {
            byStatusClass[statusClass].increment();
        }
    }
}
