package com.mustbeviral.gateway.proxy;

import com.mustbeviral.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** One reverse proxy per upstream, each on its own keep-alive connection pool in Quarkus' Vert.x. */
@Singleton
public class UpstreamProxies {

    private static final Logger LOG = Logger.getLogger(UpstreamProxies.class);

    private final Map<String, HttpProxy> proxies = new HashMap<>();
    private final List<HttpClient> clients = new ArrayList<>();

    UpstreamProxies(Vertx vertx, GatewayConfig config, MeterRegistry registry, BodySizeLimit bodySizeLimit) {
        ForwardingHeaders forwarding = new ForwardingHeaders();
        config.upstreams().forEach((name, upstream) -> {
            HttpClient client = vertx.createHttpClient(
                    new HttpClientOptions().setKeepAlive(true).setName("upstream-" + name),
                    new PoolOptions().setHttp1MaxSize(upstream.poolSize()));
            clients.add(client);
            // No WebSocket tunnelling: the library would tunnel upgrades past every interceptor, and no service needs it.
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                    .origin(new UpstreamOrigin(upstream.url(), upstream.timeout()))
                    // Order matters: requests pass these top-down, responses bottom-up.
                    .addInterceptor(forwarding)
                    .addInterceptor(new ProxyMetrics(registry, name))
                    .addInterceptor(new ProxyErrorResponder(name, upstream.timeout(), bodySizeLimit))
                    .addInterceptor(bodySizeLimit);
            proxies.put(name, proxy);
            LOG.infof("Upstream %s at %s (timeout %d ms, pool %d) owns %s", name, upstream.url(),
                    upstream.timeout().toMillis(), upstream.poolSize(), upstream.prefixes());
        });
    }

    /** The proxy forwarding to the upstream named {@code upstream}. */
    public HttpProxy proxyFor(String upstream) {
        return proxies.get(upstream);
    }

    @PreDestroy
    void close() {
        clients.forEach(HttpClient::close);
    }
}
