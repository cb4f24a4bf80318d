package com.mustbeviral.gateway.proxy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Names the {@code uri} tag of Quarkus' {@code http.server.requests} metric for requests the
 * gateway answers outside JAX-RS. Untagged, every proxied URL (ids included) would become its own
 * time series, and any client could grow the metrics without bound.
 */
final class MetricsUri {

    /** Request-context local that quarkus-micrometer reads as the uri template (Quarkus REST sets it too). */
    private static final String TEMPLATE = "UrlPathTemplate";

    private MetricsUri() {
    }

    /** Tags the current request with {@code template}. */
    static void tag(String template) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(TEMPLATE, template);
        }
    }

    /** Tags the current request with {@code template} unless it already has a template. */
    static void tagIfUntagged(String template) {
        Context context = Vertx.currentContext();
        if (context != null && context.getLocal(TEMPLATE) == null) {
            context.putLocal(TEMPLATE, template);
        }
    }
}
