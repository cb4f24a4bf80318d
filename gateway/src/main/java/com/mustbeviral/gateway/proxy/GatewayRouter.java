package com.mustbeviral.gateway.proxy;

import com.mustbeviral.gateway.admission.Admission;
import com.mustbeviral.gateway.config.GatewayConfig;
import com.mustbeviral.gateway.docs.ServiceApiDocs;
import com.mustbeviral.gateway.observability.AccessLog;
import com.mustbeviral.gateway.proxy.UpstreamRoutes.Route;
import com.mustbeviral.gateway.ratelimit.TrustedProxies;
import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Puts the gateway into Quarkus' router (the public port): the access log, request hygiene, admission (token, scope,
 * rate limit) and the body limit ahead of everything, then the proxy for owned prefixes, then the
 * gateway's own admin endpoints ({@code /gateway/...} in JAX-RS); any other path is a 404 problem.
 * {@code /q/...} and {@code /openapi/{service}} are on the management interface only. Ambiguous paths and cross-origin
 * requests are dealt with before anything else, so a preflight never needs a token.
 */
@ApplicationScoped
class GatewayRouter {

    // Before Quarkus' own body-limit route, which would answer 413 with an empty body.
    private static final int INBOUND_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;
    private static final int BODY_LIMIT_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    // Ahead of Quarkus REST, so that a proxied path never goes through JAX-RS matching.
    private static final int PROXY_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;

    private static final String ROUTE = "gateway.route";
    private static final String JAX_RS_ROOT = "/gateway";
    private static final String QUARKUS_ROOT = "/q";
    private static final String DOCS_ROOT = "/openapi";
    private static final Set<HttpMethod> READ_ONLY = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final UpstreamRoutes routes;
    private final UpstreamProxies proxies;
    private final BodySizeLimit bodySizeLimit;
    private final Admission admission;
    private final ServiceApiDocs apiDocs;
    /** Null when the access log is off. */
    private final AccessLog accessLog;
    private final OriginPolicy origins;
    private final TrustedProxies trustedProxies;

    GatewayRouter(UpstreamRoutes routes, UpstreamProxies proxies, BodySizeLimit bodySizeLimit, Admission admission,
            ServiceApiDocs apiDocs, TrustedProxies trustedProxies, GatewayConfig config) {
        this.routes = routes;
        this.proxies = proxies;
        this.bodySizeLimit = bodySizeLimit;
        this.admission = admission;
        this.apiDocs = apiDocs;
        this.accessLog = config.accessLog().enabled() ? new AccessLog(GatewayRouter::upstreamOf) : null;
        this.origins = new OriginPolicy(config.cors());
        this.trustedProxies = trustedProxies;
    }

    void install(@Observes Router router) {
        // One handler for what every request meets first (access log, request hygiene, route lookup,
        // admission): each extra route is another trip through Vert.x Web's router per request.
        router.route().order(INBOUND_ORDER).handler(this::enter);
        // It shows internal URLs and makes the gateway call every upstream: admins only.
        // Everything under /gateway, so that no spelling of a path reaches an endpoint around the check.
        router.route(JAX_RS_ROOT + "/*").order(INBOUND_ORDER).handler(admission::requireAdmin);
        router.route().order(BODY_LIMIT_ORDER).handler(bodySizeLimit);
        router.route().order(PROXY_ORDER).handler(this::dispatch);
        // Safety nets for what Vert.x itself answers, so that no error leaves as a bare status.
        router.errorHandler(404, ctx -> problem(ctx, 404, "No service owns this path"));
        router.errorHandler(405, ctx -> problem(ctx, 405, "Method " + ctx.request().method() + " is not allowed here"));
    }

    /**
     * The management interface (quarkus.management.*, off the public port): health, metrics, the
     * gateway's OpenAPI document and the Swagger UI page, which reads every service's document from
     * {@code /openapi/{service}} beside it.
     */
    void installManagement(@Observes ManagementInterface management) {
        Router router = management.router();
        // Quarkus' health, metrics and openapi handlers answer any method; all of them are read-only.
        router.route(QUARKUS_ROOT + "/*").order(Integer.MIN_VALUE).handler(GatewayRouter::readOnly);
        router.get(DOCS_ROOT + "/:" + ServiceApiDocs.SERVICE).handler(apiDocs);
        router.errorHandler(404, ctx -> problem(ctx, 404, "No such management endpoint"));
    }

    private void enter(RoutingContext ctx) {
        if (accessLog != null) {
            accessLog.start(ctx);
        }
        InboundHeaders.clean(ctx);
        String ambiguous = AmbiguousPaths.reason(ctx.request().path());
        if (ambiguous != null) {
            // Before anything decides on the path: a service would read it differently.
            if (ProblemResponse.bodyPending(ctx.request())) {
                ProblemResponse.closeAfterAnswer(ctx);
            }
            problem(ctx, 400, "Malformed path: " + ambiguous);
            return;
        }
        if (!origins.admit(ctx)) {
            return; // a preflight answered, or a cross-origin write refused
        }
        trustedProxies.resolve(ctx);
        // The normalized path (dot segments resolved) is what the upstream will route on too.
        Route route = routes.routeFor(ctx.normalizedPath()).orElse(null);
        if (route == null) {
            ctx.next(); // the gateway's own endpoints need no token
            return;
        }
        ctx.put(ROUTE, route);
        MetricsUri.tag(route.metricsUri());
        // Before the body limit, which answers 100-continue: a client without a valid token must not be
        // invited to send its body.
        admission.handle(ctx);
    }

    private void dispatch(RoutingContext ctx) {
        Route route = ctx.get(ROUTE);
        String path = ctx.normalizedPath();
        if (route != null) {
            proxies.proxyFor(route.upstream()).forward(ctx);
        } else if (UpstreamRoutes.isUnder(JAX_RS_ROOT, path)) {
            ctx.next();
        } else {
            // Answered here, not left to JAX-RS, so that it has the same shape as the gateway's other problems.
            problem(ctx, 404, "No service owns this path");
        }
    }

    private static String upstreamOf(RoutingContext ctx) {
        Route route = ctx.get(ROUTE);
        return route == null ? null : route.upstream();
    }

    private static void readOnly(RoutingContext ctx) {
        if (READ_ONLY.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Allow", "GET, HEAD");
        problem(ctx, 405, "Method " + ctx.request().method() + " is not allowed here");
    }

    private static void problem(RoutingContext ctx, int status, String detail) {
        new ProblemResponse(status, detail, ctx.request().path()).sendTo(ctx.response());
    }
}
