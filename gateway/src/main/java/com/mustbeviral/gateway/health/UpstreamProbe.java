package com.mustbeviral.gateway.health;

import com.mustbeviral.gateway.config.GatewayConfig;
import com.mustbeviral.gateway.config.GatewayConfig.Upstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Asks every upstream's own readiness endpoint, all at once, whether it is ready. Deliberately not a
 * readiness check of the gateway: one service down must not take the whole public entry out of
 * rotation. Its own client keeps probes out of the proxies' pools, so a saturated pool cannot fail
 * a probe and a probe cannot take a connection a client request needs.
 */
@Singleton
public class UpstreamProbe {

    private final GatewayConfig config;
    private final HttpClient client;

    UpstreamProbe(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setName("upstream-readiness"));
    }

    /** Probes every upstream in parallel; completes after at most about one probe timeout. */
    public CompletionStage<UpstreamsReport> probeAll() {
        List<Future<UpstreamReadiness>> probes = config.upstreams().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> probe(entry.getKey(), entry.getValue()))
                .toList();
        // Every probe recovers into a not-ready answer, so this never fails.
        return Future.all(probes)
                .map(done -> UpstreamsReport.of(probes.stream().map(Future::result).toList()))
                .toCompletionStage();
    }

    private Future<UpstreamReadiness> probe(String name, Upstream upstream) {
        long timeoutMs = config.readiness().timeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(upstream.url().resolve(config.readiness().path()).toString())
                .setTimeout(timeoutMs);
        return client.request(options)
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(body -> response.statusCode()))
                .map(status -> status == 200
                        ? answer(name, upstream, true, "ready")
                        : answer(name, upstream, false, "readiness answered HTTP " + status))
                .otherwise(failure -> answer(name, upstream, false, failure instanceof TimeoutException
                        ? "no answer within " + timeoutMs + " ms"
                        : "unreachable"));
    }

    private static UpstreamReadiness answer(String name, Upstream upstream, boolean ready, String detail) {
        return new UpstreamReadiness(name, upstream.url().toString(), upstream.prefixes(), ready, detail);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
