package com.mustbeviral.gateway.ratelimit;

import com.mustbeviral.gateway.admission.RouteRule;
import com.mustbeviral.gateway.auth.AccessToken;
import com.mustbeviral.gateway.config.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which quota a request draws on, and how much. A route with a quota of its own (login, register,
 * refresh) is limited per client address whoever calls, against credential stuffing. Otherwise a
 * partner token draws on its client's quota, a user token on the user's plan, and a call without
 * a token on its address's anonymous quota. Plan quotas are billing's once it has published them
 * ({@link BillingQuotas}), the configuration's until then. Some routes cost more than one unit.
 */
@Singleton
public class RateBuckets {

    /** Quota name of partner tokens, whatever their plan claim says. */
    static final String PARTNER = "partner";

    private record RouteQuota(List<RouteRule> rules, RatePolicy policy) {
    }

    private record RouteCost(List<RouteRule> rules, int cost) {
    }

    private final Map<String, RatePolicy> plans;
    private final RatePolicy defaultPlan;
    private final RatePolicy anonymous;
    private final List<RouteQuota> routeQuotas;
    private final List<RouteCost> costs;

    private final BillingQuotas billing;

    @Inject
    RateBuckets(GatewayConfig config, BillingQuotas billing) {
        this.billing = billing;
        GatewayConfig.RateLimit limits = config.rateLimit();
        Map<String, RatePolicy> byPlan = new HashMap<>();
        limits.plans().forEach((plan, quota) -> byPlan.put(plan, new RatePolicy(plan, quota.limit(), quota.period())));
        this.plans = Map.copyOf(byPlan);
        this.defaultPlan = plans.get(limits.defaultPlan());
        if (defaultPlan == null) {
            throw new IllegalStateException("gateway.rate-limit.default-plan " + limits.defaultPlan() + " has no quota");
        }
        this.anonymous = new RatePolicy("anonymous", limits.anonymous().limit(), limits.anonymous().period());
        this.routeQuotas = limits.routes().entrySet().stream()
                .map(e -> new RouteQuota(RouteRule.parseAll(e.getValue().routes()),
                        new RatePolicy(e.getKey(), e.getValue().limit(), e.getValue().period())))
                .toList();
        this.costs = limits.costs().values().stream()
                .map(c -> new RouteCost(RouteRule.parseAll(c.routes()), Math.max(1, c.cost())))
                .toList();
    }

    /** The bucket of a request; {@code token} is null for anonymous calls. */
    public RateBucket bucketFor(String method, String path, AccessToken token, String clientAddress) {
        int cost = costOf(method, path);
        for (RouteQuota quota : routeQuotas) {
            if (RouteRule.anyMatches(quota.rules(), method, path)) {
                return new RateBucket(quota.policy(), "ip:" + clientAddress, cost);
            }
        }
        if (token == null) {
            return new RateBucket(anonymous, "ip:" + clientAddress, cost);
        }
        if (token.isPartner()) {
            return new RateBucket(planQuota(PARTNER), "client:" + token.clientId(), cost);
        }
        // The user's own quota from billing, when Redis has one, replaces the plan's in the same script.
        return new RateBucket(planQuota(token.plan()), "user:" + token.subject(), cost, token.subject());
    }

    /** Billing's quota of the plan, else the configuration's, else the default plan's (billing's first). */
    private RatePolicy planQuota(String plan) {
        if (plan != null) {
            Optional<RatePolicy> billed = billing.plan(plan);
            if (billed.isPresent()) {
                return billed.get();
            }
            RatePolicy configured = plans.get(plan);
            if (configured != null) {
                return configured;
            }
        }
        return billing.plan(defaultPlan.name()).orElse(defaultPlan);
    }

    private int costOf(String method, String path) {
        for (RouteCost cost : costs) {
            if (RouteRule.anyMatches(cost.rules(), method, path)) {
                return cost.cost();
            }
        }
        return 1;
    }
}
