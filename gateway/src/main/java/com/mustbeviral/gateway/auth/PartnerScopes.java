package com.mustbeviral.gateway.auth;

import com.mustbeviral.gateway.admission.RouteRule;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The scope a partner token needs on each route, e.g. {@code content:read} for reads of
 * {@code /api/content}, as the fleet's contract defines it ({@code contracts}' {@code PartnerScopes},
 * which the services that check scopes read too). Closed by default: a route without a rule needs a
 * scope no token has.
 */
@Singleton
public class PartnerScopes {

    private record Rule(List<RouteRule> routes, Optional<String> scope) {
    }

    private final List<Rule> rules;

    PartnerScopes() {
        this(com.mustbeviral.contracts.auth.PartnerScopes.RULES);
    }

    PartnerScopes(List<com.mustbeviral.contracts.auth.PartnerScopes.Rule> contract) {
        // The Optional is made once here, not per request.
        this.rules = contract.stream()
                .map(rule -> new Rule(RouteRule.parseAll(rule.routes()), Optional.of(rule.scope())))
                .toList();
    }

    /** The scope needed for {@code method} on {@code path}; empty when partners may not call it at all. */
    public Optional<String> required(String method, String path) {
        for (Rule rule : rules) {
            if (RouteRule.anyMatches(rule.routes(), method, path)) {
                return rule.scope();
            }
        }
        return Optional.empty();
    }
}
