package com.mustbeviral.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.List;

/**
 * Tells upstreams who really called (X-Forwarded-For/-Proto/-Host) and removes the hop-by-hop
 * headers the proxy library leaves in place: those a sender lists in its Connection header
 * (RFC 9110 7.6.1), and the library's fixed list on responses, which it filters only on requests.
 */
final class ForwardingHeaders implements ProxyInterceptor {

    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection",
            "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        MultiMap headers = context.request().headers();
        HttpServerRequest client = context.request().proxiedRequest();
        dropConnectionOptions(headers);
        // RFC 7239 Forwarded from a client would contradict the X-Forwarded-* set below, and it is forgeable.
        headers.remove("Forwarded");
        // BodySizeLimit already answered 100-continue; an upstream's own 100 would reach nobody.
        headers.remove("Expect");
        headers.set("X-Forwarded-For", forwardedFor(headers, client));
        // Scheme and authority as the gateway resolved them (Quarkus folds in trusted proxy headers
        // when quarkus.http.proxy.* is on), never as a client claims them.
        headers.set("X-Forwarded-Proto", client.scheme());
        if (client.authority() != null) {
            headers.set("X-Forwarded-Host", client.authority().toString());
        }
        return context.sendRequest();
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        dropConnectionOptions(headers);
        HOP_BY_HOP.forEach(headers::remove);
        return context.sendResponse();
    }

    private static String forwardedFor(MultiMap headers, HttpServerRequest client) {
        // Appended, not replaced: a load balancer in front may have started the chain, and upstreams
        // trust only its right end, which is the address the gateway itself saw.
        String peer = client.remoteAddress().hostAddress();
        List<String> earlier = headers.getAll("X-Forwarded-For");
        return earlier.isEmpty() ? peer : String.join(", ", earlier) + ", " + peer;
    }

    private static void dropConnectionOptions(MultiMap headers) {
        for (String connection : headers.getAll("Connection")) {
            for (String option : connection.split(",")) {
                String name = option.trim();
                // The request id is the gateway's promise to the fleet: a client cannot opt out of it.
                if (!name.isEmpty() && !name.equalsIgnoreCase(RequestIdPolicy.HEADER)) {
                    headers.remove(name);
                }
            }
        }
    }
}
