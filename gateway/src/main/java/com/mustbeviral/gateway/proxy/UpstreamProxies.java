package com.mustbeviral.gateway.proxy;

import com.mustbeviral.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** One {@link UpstreamProxy} per upstream, each with its own keep-alive connection pools in Quarkus' Vert.x. */
@Singleton
public class UpstreamProxies {

    private static final Logger LOG = Logger.getLogger(UpstreamProxies.class);

    private final Map<String, UpstreamProxy> proxies = new HashMap<>();

    UpstreamProxies(Vertx vertx, GatewayConfig config, MeterRegistry registry, BodySizeLimit bodySizeLimit) {
        config.upstreams().forEach((name, upstream) -> {
            proxies.put(name, new UpstreamProxy(vertx, name, upstream.url(), upstream.timeout(), upstream.poolSize(),
                    new ProxyMetrics(registry, name), bodySizeLimit));
            LOG.infof("Upstream %s at %s (timeout %d ms, pool %d) owns %s", name, upstream.url(),
                    upstream.timeout().toMillis(), upstream.poolSize(), upstream.prefixes());
        });
    }

    /** The proxy forwarding to the upstream named {@code upstream}. */
    UpstreamProxy proxyFor(String upstream) {
        return proxies.get(upstream);
    }

    @PreDestroy
    void close() {
        proxies.values().forEach(UpstreamProxy::close);
    }
}
