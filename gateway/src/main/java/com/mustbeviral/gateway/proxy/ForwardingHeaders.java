package com.mustbeviral.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;

/**
 * Copies headers across the proxy. Hop-by-hop headers stay behind both ways (RFC 9110 7.6.1): the
 * fixed list below and whatever the sender names in its Connection header. Upstreams are told who
 * really called (X-Forwarded-For/-Proto/-Host); Forwarded and Expect never go upstream.
 */
final class ForwardingHeaders {

    // RFC 9110 7.6.1 plus the non-standard Proxy-Connection and Keep-Alive seen in the wild. Host
    // and Transfer-Encoding are set by the HTTP client for the hop it opens.
    private static final String[] HOP_BY_HOP = {"Connection", "Keep-Alive", "Proxy-Connection",
        "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host"};
    // RFC 7239 Forwarded from a client would contradict the X-Forwarded-* set here, and it is forgeable.
    // BodySizeLimit already answered 100-continue; an upstream's own 100 would reach nobody.
    // X-Forwarded-* are written below from what the gateway saw.
    private static final String[] NOT_UPSTREAM = {"Forwarded", "Expect", "X-Real-IP", "X-Client-IP", "True-Client-IP"};
    // X-Forwarded-For, -Proto, -Host, -Port, -Prefix, -Server, -Ssl...: written below, or not at all.
    private static final String X_FORWARDED = "X-Forwarded-";

    private ForwardingHeaders() {
    }

    /**
     * The client's request headers, as the upstream should see them, into {@code to}. Upstreams are
     * told only what the gateway worked out: {@code X-Forwarded-For} is the one client address it
     * found ({@code clientAddress}, see TrustedProxies), never a chain a client could have started, since
     * Quarkus believes the leftmost entry; every other {@code X-Forwarded-*}, {@code Forwarded} and
     * {@code X-Real-IP} a client sent is dropped.
     */
    static void copyRequest(HttpServerRequest client, MultiMap to, String clientAddress, String forwardedProto) {
        MultiMap from = client.headers();
        String connection = from.get("Connection");
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!isOneOf(name, HOP_BY_HOP) && !isOneOf(name, NOT_UPSTREAM)
                    && !name.regionMatches(true, 0, X_FORWARDED, 0, X_FORWARDED.length())
                    && (connection == null || !listedIn(from, name))) {
                to.add(name, header.getValue());
            }
        }
        to.set("X-Forwarded-For", clientAddress);
        // Scheme and authority as the gateway resolved them (the scheme from a trusted proxy in front,
        // which terminated TLS), never as a client claims them.
        to.set("X-Forwarded-Proto", forwardedProto != null ? forwardedProto : client.scheme());
        if (client.authority() != null) {
            to.set("X-Forwarded-Host", client.authority().toString());
        }
    }

    /** The upstream's response headers, as the client should see them, into {@code to}. */
    static void copyResponse(MultiMap from, MultiMap to) {
        String connection = from.get("Connection");
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!isOneOf(name, HOP_BY_HOP) && (connection == null || !listedIn(from, name))) {
                to.add(name, header.getValue());
            }
        }
    }

    /** Whether a Connection header of {@code headers} names {@code name}. */
    static boolean listedIn(MultiMap headers, String name) {
        // The request id is the gateway's promise to the fleet: a client cannot opt out of it.
        if (name.equalsIgnoreCase(RequestIdPolicy.HEADER)) {
            return false;
        }
        List<String> values = headers.getAll("Connection");
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                if (value.substring(start, end).trim().equalsIgnoreCase(name)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    private static boolean isOneOf(String name, String[] names) {
        for (String candidate : names) {
            if (candidate.length() == name.length() && candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
