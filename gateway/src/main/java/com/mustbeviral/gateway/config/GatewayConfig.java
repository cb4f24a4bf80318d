package com.mustbeviral.gateway.config;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the gateway (prefix {@code gateway}): which upstream service owns which paths,
 * how access tokens are checked, and the rate limits. A route rule is {@code [METHODS ]PREFIX}, e.g.
 * {@code POST /api/auth/login}, {@code GET|HEAD /api/content} or {@code /oauth2/token} (any method).
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Upstream services by name (auth, content, analytics, billing, audit), each owning path prefixes. */
    Map<String, Upstream> upstreams();

    /** How {@code GET /gateway/upstreams} asks each upstream whether it is ready. */
    Readiness readiness();

    /** Access tokens at the door. */
    Auth auth();

    /** Rate limits, held in Redis. */
    RateLimit rateLimit();

    /** The JSON access log. */
    AccessLog accessLog();

    /** Browsers on other origins: CORS for the web apps, and cross-origin writes refused. */
    Cors cors();

    /** One upstream service behind the gateway. */
    interface Upstream {

        /** Base URL of the service; only scheme (http or https), host and port are used. */
        URI url();

        /** Path prefixes the service owns, e.g. {@code /api/content}; matched on whole path segments. */
        List<String> prefixes();

        /** How long the upstream may stay silent (no pooled connection, no response bytes) before the client gets 504. */
        @WithDefault("30s")
        Duration timeout();

        /** Most keep-alive connections the gateway keeps open to this upstream. */
        @WithDefault("64")
        int poolSize();
    }

    /** Probing the upstreams' own readiness endpoints. */
    interface Readiness {

        /** Path of each upstream's readiness endpoint. */
        @WithDefault("/q/health/ready")
        String path();

        /** How long one probe may take before that upstream counts as not ready. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** Verifying access tokens (JWTs issued by auth-service, ES256 unless configured otherwise). */
    interface Auth {

        /** Expected {@code iss} claim. */
        @WithDefault("http://localhost:8080")
        String issuer();

        /** Expected {@code aud} claim. */
        @WithDefault("mustbeviral-api")
        String audience();

        /**
         * Signature algorithms accepted: ES256 and/or RS256, as auth-service signs
         * ({@code auth.tokens.signing-algorithm}); both only while it switches. Default: the fleet's,
         * {@code AccessTokenClaims.SIGNATURE_ALGORITHM}.
         */
        @WithDefault(AccessTokenClaims.SIGNATURE_ALGORITHM)
        List<String> algorithms();

        /**
         * Tolerance for clocks that disagree, applied to {@code exp} and {@code nbf}; revocation markers
         * outlive their tokens by as much. Default: the fleet's, {@code AccessTokenClaims.CLOCK_SKEW_SECONDS}.
         */
        @WithDefault(AccessTokenClaims.CLOCK_SKEW_SECONDS + "s")
        Duration clockSkew();

        /** Where the signing keys come from. */
        Jwks jwks();

        /** Most verified tokens remembered until they expire, so a client's token is verified once, not per request. */
        @WithDefault("10000")
        int verifiedTokenCacheSize();

        /** Routes that need no token; a valid token there is still used (identity, rate-limit key). */
        @WithDefault("POST /api/auth/register,POST /api/auth/login,POST /api/auth/refresh,/oauth2/token,"
                + "/oauth2/authorize,/oauth2/introspect,/oauth2/revoke,/.well-known,/api/auth/oauth,"
                + "POST /api/webhooks/stripe,POST /api/events,"
                // auth's mailed links and "forgot password": whoever follows them has no session yet.
                + "POST /api/auth/verify-email,POST /api/auth/password/forgot,POST /api/auth/password/reset,"
                // The public feed and author pages (slugs included); content-service decides every read itself.
                + "GET|HEAD /api/content/feed,GET|HEAD /api/content/authors,"
                // The price list: a pricing page shows it before anyone signs up.
                + "GET|HEAD /api/billing/plans")
        List<String> publicRoutes();

        /**
         * Routes for admins only: the platform's audit trail (every user's events) and its chain
         * check, which reads the whole log. Other roles and partners get 403 at the door.
         */
        @WithDefault("/api/audit")
        List<String> adminRoutes();

    }

    /** The JSON Web Key Set of auth-service. */
    interface Jwks {

        /** Upstream serving the set. */
        @WithDefault("auth")
        String upstream();

        /** Path of the set on that upstream. */
        @WithDefault("/.well-known/jwks.json")
        String path();

        /** Shortest time between two fetches: a flood of unknown key ids cannot make more than one per interval. */
        @WithDefault("10s")
        Duration minRefetchInterval();

        /** The set is fetched again this often, so that a key auth withdrew stops being accepted. */
        @WithDefault("5m")
        Duration refreshInterval();

        /** Longest wait for the set. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** Rate limits (GCRA), one atomic Redis script per request, in-process while Redis is away. */
    interface RateLimit {

        /** Longest a request waits for Redis before the in-process limiter answers it. */
        @WithDefault("50ms")
        Duration redisTimeout();

        /** How often an unavailable Redis is probed so that limits go back to it. */
        @WithDefault("500ms")
        Duration redisProbeInterval();

        /** Addresses or CIDR ranges of proxies whose X-Forwarded-For is believed; none by default. */
        Optional<List<String>> trustedProxies();

        /**
         * Quota per plan claim (free, pro, business) and {@code partner} for partner tokens, until billing's
         * {@code entitlements.updated} gives the plan's quota (BillingQuotas).
         */
        Map<String, Quota> plans();

        /**
         * How often each instance copies the plans' quotas billing published (BillingQuotas, in Redis)
         * into memory; until billing has spoken about a plan, {@code plans} above is its quota.
         */
        @WithDefault("10s")
        Duration billingRefresh();

        /** Plan assumed for a token without a known plan. */
        @WithDefault("free")
        String defaultPlan();

        /** Quota of calls without a token, per client address. */
        Quota anonymous();

        /** Stricter per-address quotas for some routes (login, register, refresh), by name. */
        Map<String, RouteQuota> routes();

        /** Routes that cost more than one unit, by name. */
        Map<String, RouteCost> costs();
    }

    /** A number of units per period. */
    interface Quota {

        /** Units per period; also the largest burst. */
        int limit();

        /** The period over which {@code limit} units are spread. */
        Duration period();
    }

    /** A quota of its own for some routes, keyed by client address. */
    interface RouteQuota extends Quota {

        /** Route rules it applies to. */
        List<String> routes();
    }

    /** The price of some routes, in quota units. */
    interface RouteCost {

        /** Route rules it applies to. */
        List<String> routes();

        /** Units one request costs. */
        int cost();
    }

    /**
     * Which web origins may call the API from a browser (CORS), and what they may send and read. A
     * request that changes something (any method but GET and HEAD) from any other origin, {@code null}
     * included, is refused with a 403 problem; the gateway's own origin (the request's Host) always passes.
     */
    interface Cors {

        /** Web apps' origins, e.g. {@code https://app.mustbeviral.example.com}; none by default. */
        Optional<List<String>> origins();

        /** Methods a preflight allows. */
        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE")
        List<String> methods();

        /** Request headers a preflight allows. */
        @WithDefault("Authorization,Content-Type,If-Match,If-None-Match,X-Request-Id,traceparent,tracestate")
        List<String> headers();

        /** Response headers scripts may read. */
        @WithDefault("X-Request-Id,ETag,Location,Retry-After,WWW-Authenticate,RateLimit,RateLimit-Policy,"
                + "X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset")
        List<String> exposedHeaders();

        /** How long a browser may keep a preflight's answer. */
        @WithDefault("10m")
        Duration maxAge();
    }

    /** One JSON line per request on the {@code gateway.access} log category. */
    interface AccessLog {

        /** Off: no access log. */
        @WithDefault("true")
        boolean enabled();
    }
}
