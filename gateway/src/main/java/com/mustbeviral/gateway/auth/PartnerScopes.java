package com.mustbeviral.gateway.auth;

import com.mustbeviral.gateway.admission.RouteRule;
import com.mustbeviral.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The scope a partner token needs on each route, e.g. {@code content:read} for reads of
 * {@code /api/content}. Closed by default: a route without a rule needs a scope no token has.
 */
@Singleton
public class PartnerScopes {

    private record Rule(List<RouteRule> routes, String scope) {
    }

    private final List<Rule> rules;

    PartnerScopes(GatewayConfig config) {
        this.rules = config.auth().partnerScopes().values().stream()
                .map(rule -> new Rule(RouteRule.parseAll(rule.routes()), rule.scope()))
                .toList();
    }

    /** The scope needed for {@code method} on {@code path}; empty when partners may not call it at all. */
    public Optional<String> required(String method, String path) {
        for (Rule rule : rules) {
            if (RouteRule.anyMatches(rule.routes(), method, path)) {
                return Optional.of(rule.scope());
            }
        }
        return Optional.empty();
    }
}
