package com.mustbeviral.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import java.net.URI;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Where requests of one upstream go, and how long that upstream may keep them waiting. */
final class UpstreamOrigin implements OriginRequestProvider {

    private static final Logger LOG = Logger.getLogger(UpstreamOrigin.class);

    private final RequestOptions template;

    UpstreamOrigin(URI url, Duration timeout) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        // The timeout covers both waiting for a pooled connection and silence on the response:
        // either way the client would wait on an upstream that is not answering.
        this.template = new RequestOptions()
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setTimeout(timeout.toMillis());
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        // Failures reach ProxyErrorResponder through the response future; without a handler of its
        // own, Vert.x would also log each one (e.g. the reset of an oversized upload) as an error.
        return context.client().request(new RequestOptions(template))
                .onSuccess(request -> request.exceptionHandler(failure -> LOG.debugf("Upstream request failed: %s", failure)));
    }
}
