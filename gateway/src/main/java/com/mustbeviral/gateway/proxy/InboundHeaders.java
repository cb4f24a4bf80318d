package com.mustbeviral.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * First thing every request meets (after the access log starts its clock): fixes its request id
 * and drops the headers a client could use to impersonate someone. It edits the incoming request in
 * place so that every later reader (the proxy, JAX-RS, and {@code Admission}, which sets the
 * identity headers from a verified token) sees the cleaned request.
 */
final class InboundHeaders {

    /** Identity the upstreams trust because only the gateway may set it; never from a client. */
    static final List<String> IDENTITY_HEADERS = List.of("X-User-Id", "X-User-Role", "X-User-Plan",
            "X-Session-Id", "X-Client-Id", "X-Scopes");

    private InboundHeaders() {
    }

    /** Cleans the request of {@code ctx} in place, and makes its response carry the request id. */
    static void clean(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        String requestId = RequestIdPolicy.resolve(single(headers, RequestIdPolicy.HEADER));
        headers.set(RequestIdPolicy.HEADER, requestId);
        IDENTITY_HEADERS.forEach(headers::remove);
        // Set at the last moment so it wins over an upstream's copy and covers the gateway's own answers.
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(RequestIdPolicy.HEADER, requestId));
    }

    private static String single(MultiMap headers, String name) {
        // Two values are as untrustworthy as a malformed one: replace rather than pick one.
        List<String> values = headers.getAll(name);
        return values.size() == 1 ? values.get(0) : null;
    }
}
