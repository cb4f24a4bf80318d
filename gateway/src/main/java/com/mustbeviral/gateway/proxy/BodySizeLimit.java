package com.mustbeviral.gateway.proxy;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over {@code quarkus.http.limits.max-body-size} with a 413 problem.
 * Quarkus enforces the limit itself only on a declared Content-Length, with an empty 413, and not at
 * all on chunked bodies it does not buffer; the proxy never buffers, so the gateway does both: declared
 * lengths here, chunked bodies in {@link UpstreamProxy} as they stream ({@link CappedBodyStream}).
 */
@Singleton
class BodySizeLimit implements Handler<RoutingContext> {

    private final long maxBytes;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    /** Declared lengths are refused before a single byte goes upstream. */
    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && Long.parseLong(declared.trim()) > maxBytes) {
            MetricsUri.tagIfUntagged("/*");
            closeAfterAnswer(ctx);
            tooLarge(request).sendTo(ctx.response());
            return;
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            // The size is all the gateway checks before a body, so it answers the client's question
            // itself (ForwardingHeaders keeps it from the upstream); else the client waits its timeout.
            ctx.response().writeContinue();
        }
        ctx.next();
    }

    /** The largest body that may go upstream, in bytes. */
    long maxBytes() {
        return maxBytes;
    }

    /** The problem for a body over the limit. */
    ProblemResponse tooLarge(HttpServerRequest request) {
        return new ProblemResponse(413, "The request body is larger than " + maxBytes + " bytes", request.path());
    }

    /** The rest of an oversized body is never read, so an HTTP/1 connection cannot serve another request. */
    static void closeAfterAnswer(RoutingContext ctx) {
        ProblemResponse.closeAfterAnswer(ctx);
    }
}
