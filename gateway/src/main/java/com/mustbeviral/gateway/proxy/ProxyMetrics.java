package com.mustbeviral.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.concurrent.TimeUnit;

/**
 * Counts proxied requests of one upstream by status class ({@code gateway.proxy.requests}) and
 * times the upstream from sending the request to its response headers ({@code gateway.upstream.latency}).
 * Sits outside {@link ProxyErrorResponder}, so the gateway's own 502/504/413 answers are counted too.
 */
final class ProxyMetrics implements ProxyInterceptor {

    static final String REQUESTS = "gateway.proxy.requests";
    static final String LATENCY = "gateway.upstream.latency";

    private final MeterRegistry registry;
    private final String upstream;
    private final Timer latency;

    ProxyMetrics(MeterRegistry registry, String upstream) {
        this.registry = registry;
        this.upstream = upstream;
        this.latency = Timer.builder(LATENCY)
                .description("Time from sending a request upstream to its response headers, or to its failure")
                .tag("upstream", upstream)
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        long start = System.nanoTime();
        return context.sendRequest().onComplete(done -> latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        // Status classes, not codes: a handful of series per upstream whatever the services answer.
        String statusClass = context.response().getStatusCode() / 100 + "xx";
        registry.counter(REQUESTS, "upstream", upstream, "status_class", statusClass).increment();
        return context.sendResponse();
    }
}
