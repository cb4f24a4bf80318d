package com.mustbeviral.gateway.admission;

import com.mustbeviral.gateway.proxy.UpstreamRoutes;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One route rule of the configuration: {@code [METHOD[|METHOD...]] PREFIX}, e.g. {@code POST /api/auth/login},
 * {@code GET|HEAD /api/content} or {@code /oauth2/token} (any method). The prefix matches whole
 * segments, as the routing table does.
 */
public record RouteRule(Set<String> methods, String prefix) {

    /** Parses {@code rule}; refuses anything else so that a typo cannot silently open or close a route. */
    public static RouteRule parse(String rule) {
        String[] parts = rule.trim().split("\\s+");
        if (parts.length > 2 || parts[parts.length - 1].isEmpty() || !parts[parts.length - 1].startsWith("/")) {
            throw new IllegalStateException("Route rule '" + rule + "' is not '[METHOD[|METHOD]] /prefix'");
        }
        String prefix = trimTrailingSlash(parts[parts.length - 1]);
        if (parts.length == 1 || parts[0].equals("*")) {
            return new RouteRule(Set.of(), prefix);
        }
        return new RouteRule(Set.of(parts[0].toUpperCase(Locale.ROOT).split("\\|")), prefix);
    }

    /** Parses every rule of {@code rules}. */
    public static List<RouteRule> parseAll(List<String> rules) {
        return rules.stream().map(RouteRule::parse).toList();
    }

    /** Whether a request with {@code method} on {@code path} falls under this rule. */
    public boolean matches(String method, String path) {
        return (methods.isEmpty() || methods.contains(method)) && UpstreamRoutes.isUnder(prefix, path);
    }

    /** Whether any of {@code rules} matches. */
    public static boolean anyMatches(List<RouteRule> rules, String method, String path) {
        for (RouteRule rule : rules) {
            if (rule.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    private static String trimTrailingSlash(String prefix) {
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
