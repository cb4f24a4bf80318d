package com.mustbeviral.gateway.proxy;

import com.mustbeviral.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Requests from browsers on other origins. As Kong's and Envoy's CORS filters do, CORS itself refuses
 * nothing: it marks answers for the web apps' origins, and the browser keeps every other origin's
 * scripts from reading theirs. What the gateway refuses, as Envoy's CSRF filter does, is a request that
 * changes something (any method but GET and HEAD) sent by a browser from an origin that is neither the
 * gateway's own nor a web app's: a 403 problem that the access log records, never a bare status.
 *
 * <p>{@code Origin: null} is an opaque origin (a sandboxed frame, a {@code data:} page, a page under
 * {@code Referrer-Policy: no-referrer}, a cross-origin redirect): anyone can send it, so it is never a
 * web app's and never the gateway's own. It may read (GET, HEAD) like any other origin, unmarked, and
 * may not write. The consent page of auth-service is served with {@code Referrer-Policy: same-origin}
 * so that its form posts carry the gateway's real origin.
 */
final class OriginPolicy {

    private static final String ORIGIN = "Origin";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";

    private final Set<String> webOrigins;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;

    OriginPolicy(GatewayConfig.Cors config) {
        this.webOrigins = Set.copyOf(config.origins().orElse(List.of()).stream().map(OriginPolicy::trimSlash).toList());
        this.allowMethods = String.join(",", config.methods());
        this.allowHeaders = String.join(",", config.headers());
        this.exposeHeaders = String.join(",", config.exposedHeaders());
        this.maxAge = Long.toString(config.maxAge().toSeconds());
    }

    /**
     * Lets the request of {@code ctx} on (true), after marking its answer for a web app's origin; or
     * answers it (a preflight, or a refused cross-origin write) and returns false.
     */
    boolean admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.headers().get(ORIGIN);
        if (origin == null) {
            return true; // not a cross-origin browser request: API clients, servers, same-origin reads
        }
        boolean webApp = webOrigins.contains(origin);
        if (request.method() == HttpMethod.OPTIONS && request.headers().contains(REQUEST_METHOD)) {
            preflight(ctx, origin, webApp);
            return false;
        }
        if (webApp) {
            // Set when the headers go out, so that they win over (and never double) an upstream's own.
            ctx.addHeadersEndHandler(v -> mark(ctx.response().headers(), origin).set("Access-Control-Expose-Headers",
                    exposeHeaders));
            return true;
        }
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD || isOwn(request, origin)) {
            return true; // unmarked: the browser keeps another origin's script from reading the answer
        }
        refuse(ctx, "A browser page from origin " + origin + " may not send " + request.method()
                + " requests here; only this site and its web apps may");
        return false;
    }

    private void preflight(RoutingContext ctx, String origin, boolean webApp) {
        if (!webApp) {
            refuse(ctx, "Origin " + origin + " is not allowed to call this API from a browser");
            return;
        }
        mark(ctx.response().headers(), origin)
                .set("Access-Control-Allow-Methods", allowMethods)
                .set("Access-Control-Allow-Headers", allowHeaders)
                .set("Access-Control-Max-Age", maxAge);
        ctx.response().setStatusCode(200).end();
    }

    private static MultiMap mark(MultiMap headers, String origin) {
        return headers.set("Access-Control-Allow-Origin", origin).add("Vary", ORIGIN);
    }

    /** Whether {@code origin} is the gateway's own: the host and port the browser addressed this request to. */
    static boolean isOwn(HttpServerRequest request, String origin) {
        HostAndPort addressed = request.authority();
        int hostStart = origin.indexOf("://");
        if (addressed == null || hostStart < 0) {
            return false;
        }
        // Host and port only, as Envoy's CSRF filter compares them: behind a TLS-terminating ingress the
        // gateway sees http while the browser's origin is https.
        String scheme = origin.substring(0, hostStart);
        String authority = origin.substring(hostStart + 3);
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']');
        String host = hasPort ? authority.substring(0, colon) : authority;
        int port = hasPort ? parsePort(authority.substring(colon + 1)) : defaultPort(scheme);
        int addressedPort = addressed.port() >= 0 ? addressed.port() : defaultPort(scheme);
        return defaultPort(scheme) > 0 && port > 0 && port == addressedPort && host.equalsIgnoreCase(addressed.host());
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return -2; // never a port
        }
    }

    private static void refuse(RoutingContext ctx, String detail) {
        HttpServerRequest request = ctx.request();
        if (ProblemResponse.bodyPending(request)) {
            ProblemResponse.closeAfterAnswer(ctx); // the body was not read
        }
        ctx.response().putHeader("Vary", ORIGIN);
        new ProblemResponse(403, detail, request.path()).sendTo(ctx.response());
    }

    private static String trimSlash(String origin) {
        String trimmed = origin.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
