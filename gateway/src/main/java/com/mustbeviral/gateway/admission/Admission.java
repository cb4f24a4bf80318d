package com.mustbeviral.gateway.admission;

import com.mustbeviral.gateway.auth.AccessToken;
import com.mustbeviral.gateway.auth.AccessTokenVerifier;
import com.mustbeviral.gateway.auth.BearerToken;
import com.mustbeviral.gateway.auth.PartnerScopes;
import com.mustbeviral.gateway.auth.TokenRejected;
import com.mustbeviral.gateway.config.GatewayConfig;
import com.mustbeviral.gateway.observability.EdgeMetrics;
import com.mustbeviral.gateway.proxy.ProblemResponse;
import com.mustbeviral.gateway.ratelimit.RateBucket;
import com.mustbeviral.gateway.ratelimit.RateBuckets;
import com.mustbeviral.gateway.ratelimit.RateDecision;
import com.mustbeviral.gateway.ratelimit.RateLimitHeaders;
import com.mustbeviral.gateway.ratelimit.RateLimiter;
import com.mustbeviral.gateway.ratelimit.TrustedProxies;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a request for an upstream gets through: a valid access token unless the route is
 * public, the partner scope the route needs, and room in its rate limit (with the token's session
 * checked for revocation in the same Redis call). On the way through it sets the identity headers;
 * otherwise it answers 401, 403 or 429 itself. On a public route a token that fails a check is
 * ignored and the call counts as anonymous: a stale token must not lock anyone out of logging in.
 */
@Singleton
public class Admission implements Handler<RoutingContext> {

    /** Routing-context key of the verified {@link AccessToken}, for the access log. */
    public static final String TOKEN = "gateway.token";

    private static final String REALM = "Bearer realm=\"mustbeviral\"";
    private static final String ADMIN = "admin";

    private final AccessTokenVerifier verifier;
    private final PartnerScopes partnerScopes;
    private final List<RouteRule> publicRoutes;
    private final List<RouteRule> adminRoutes;
    private final RateBuckets buckets;
    private final RateLimiter limiter;
    private final EdgeMetrics metrics;
    private final Clock clock;

    Admission(AccessTokenVerifier verifier, PartnerScopes partnerScopes, RateBuckets buckets, RateLimiter limiter,
            EdgeMetrics metrics, GatewayConfig config, Clock clock) {
        this.verifier = verifier;
        this.partnerScopes = partnerScopes;
        this.publicRoutes = RouteRule.parseAll(config.auth().publicRoutes());
        this.adminRoutes = RouteRule.parseAll(config.auth().adminRoutes());
        this.buckets = buckets;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        boolean open = RouteRule.anyMatches(publicRoutes, method, path);
        String bearer = BearerToken.of(ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION));
        if (bearer == null) {
            if (open) {
                limit(ctx, null, true);
            } else {
                unauthorized(ctx, new TokenRejected("missing", "This route needs an access token"));
            }
            return;
        }
        onRequestContext(verifier.verify(bearer), verified -> {
            if (verified.succeeded()) {
                admitToken(ctx, verified.result(), open);
            } else if (open) {
                limit(ctx, null, true);
            } else {
                unauthorized(ctx, verified.cause() instanceof TokenRejected rejected ? rejected
                        : new TokenRejected("error", "The access token could not be checked"));
            }
        });
    }

    /**
     * Lets only an admin's access token through, for the gateway's own admin endpoints: 401 without a
     * valid token, 403 for a token of any other role or of a partner (a partner token of an admin is
     * no admin token). The call is then checked for revocation and counted like any other.
     */
    public void requireAdmin(RoutingContext ctx) {
        String bearer = BearerToken.of(ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION));
        if (bearer == null) {
            unauthorized(ctx, new TokenRejected("missing", "This endpoint needs an admin's access token"));
            return;
        }
        onRequestContext(verifier.verify(bearer), verified -> {
            if (verified.failed()) {
                unauthorized(ctx, verified.cause() instanceof TokenRejected rejected ? rejected
                        : new TokenRejected("error", "The access token could not be checked"));
            } else if (!isAdmin(verified.result())) {
                notAdmin(ctx);
            } else {
                limit(ctx, verified.result(), false);
            }
        });
    }

    private static boolean isAdmin(AccessToken token) {
        // A partner token of an admin is no admin token: partners act within their scopes only.
        return !token.isPartner() && ADMIN.equals(token.role());
    }

    private void notAdmin(RoutingContext ctx) {
        metrics.authFailure("not_admin");
        ctx.response().putHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\"");
        refuse(ctx, new ProblemResponse(403, "Only admins may call this endpoint", ctx.request().path()));
    }

    private void admitToken(RoutingContext ctx, AccessToken token, boolean open) {
        if (!open && !isAdmin(token) && RouteRule.anyMatches(adminRoutes, ctx.request().method().name(),
                ctx.normalizedPath())) {
            notAdmin(ctx);
            return;
        }
        if (token.isPartner() && !open) {
            Optional<String> needed = partnerScopes.required(ctx.request().method().name(), ctx.normalizedPath());
            if (needed.isEmpty() || !token.scopes().contains(needed.get())) {
                forbidden(ctx, needed);
                return;
            }
        }
        limit(ctx, token, open);
    }

    private void limit(RoutingContext ctx, AccessToken token, boolean open) {
        HttpServerRequest request = ctx.request();
        String client = ctx.get(TrustedProxies.CLIENT_ADDRESS);
        RateBucket bucket = buckets.bucketFor(request.method().name(), ctx.normalizedPath(), token, client);
        onRequestContext(limiter.decide(bucket, token == null ? null : token.sessionId()), decided -> {
            RateDecision decision = decided.result();
            if (decision.sessionRevoked()) {
                if (open) {
                    limit(ctx, null, true);
                } else {
                    unauthorized(ctx, new TokenRejected("revoked", "The session of this access token was revoked"));
                }
                return;
            }
            ctx.addHeadersEndHandler(v -> RateLimitHeaders.apply(decision, ctx.response().headers(), clock));
            if (!decision.allowed()) {
                metrics.rateLimited(decision.policy().name());
                refuse(ctx, new ProblemResponse(429, "Rate limit of the " + decision.policy().name()
                        + " quota exceeded; retry after the time in Retry-After", request.path()));
                return;
            }
            if (token != null) {
                IdentityHeaders.set(request.headers(), token);
                ctx.put(TOKEN, token);
            }
            ctx.next();
        });
    }

    private void unauthorized(RoutingContext ctx, TokenRejected rejected) {
        metrics.authFailure(rejected.reason());
        // RFC 6750 3.1: no error code when the request carried no token at all.
        ctx.response().putHeader("WWW-Authenticate", rejected.reason().equals("missing") ? REALM
                : REALM + ", error=\"invalid_token\", error_description=\"" + rejected.getMessage() + "\"");
        refuse(ctx, new ProblemResponse(401, rejected.getMessage(), ctx.request().path()));
    }

    private void forbidden(RoutingContext ctx, Optional<String> needed) {
        metrics.authFailure("insufficient_scope");
        String scope = needed.map(s -> ", scope=\"" + s + "\"").orElse("");
        ctx.response().putHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\"" + scope);
        refuse(ctx, new ProblemResponse(403, needed.map(s -> "This route needs the " + s + " scope")
                .orElse("Partner tokens may not call this route"), ctx.request().path()));
    }

    private static void refuse(RoutingContext ctx, ProblemResponse problem) {
        HttpServerRequest request = ctx.request();
        if (ProblemResponse.bodyPending(request)) {
            ProblemResponse.closeAfterAnswer(ctx);
        }
        problem.sendTo(ctx.response());
    }

    /**
     * Continues on the request's own context. A shared JWKS fetch completes on the context of the
     * request that started it; Quarkus keeps request-local state (e.g. the metrics uri tag) on the
     * request's context, so every later step must run there.
     */
    private static <T> void onRequestContext(Future<T> future, Handler<AsyncResult<T>> then) {
        Context requestContext = Vertx.currentContext();
        future.onComplete(result -> {
            if (Vertx.currentContext() == requestContext) {
                then.handle(result);
            } else if (requestContext instanceof ContextInternal internal && internal.nettyEventLoop().inEventLoop()) {
                // Same thread, another context (e.g. a Redis connection's): switch in place rather
                // than queue a task behind everything else the loop has to do.
                internal.dispatch(result, then);
            } else {
                requestContext.runOnContext(v -> then.handle(result));
            }
        });
    }
}
