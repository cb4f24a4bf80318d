package com.mustbeviral.gateway.proxy;

import com.mustbeviral.gateway.config.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routing table: which upstream owns a request path, by the longest matching prefix. */
@Singleton
public class UpstreamRoutes {

    /** One row of the table: a path prefix, the upstream that owns it and the {@code uri} tag of its metrics. */
    public record Route(String prefix, String upstream, String metricsUri) {

        Route(String prefix, String upstream) {
            this(prefix, upstream, prefix + "/*"); // the uri tag of its requests' metrics, made once
        }

        boolean matches(String path) {
            return isUnder(prefix, path);
        }
    }

    private final List<Route> routes;

    @Inject
    UpstreamRoutes(GatewayConfig config) {
        this(ownersByPrefix(config));
    }

    UpstreamRoutes(Map<String, String> upstreamByPrefix) {
        List<Route> table = new ArrayList<>();
        upstreamByPrefix.forEach((prefix, upstream) -> table.add(new Route(prefix, upstream)));
        // Longest first, so that a more specific prefix wins over a shorter one that also matches.
        table.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        this.routes = List.copyOf(table);
    }

    /** The route owning {@code path}, or empty when no upstream owns it. */
    public Optional<Route> routeFor(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} is {@code prefix} or below it, on whole segments. */
    public static boolean isUnder(String prefix, String path) {
        // /api/content owns /api/content and /api/content/1, not /api/contentx.
        return path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    private static Map<String, String> ownersByPrefix(GatewayConfig config) {
        Map<String, String> owners = new HashMap<>();
        config.upstreams().forEach((name, upstream) -> upstream.prefixes().forEach(prefix -> {
            validate(name, prefix);
            String previous = owners.put(prefix, name);
            // Two owners for one prefix would make routing depend on map order: refuse to start instead.
            if (previous != null && !previous.equals(name)) {
                throw new IllegalStateException("Prefix " + prefix + " is claimed by both " + previous + " and " + name);
            }
        }));
        return owners;
    }

    private static void validate(String upstream, String prefix) {
        if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")) {
            throw new IllegalStateException("Upstream " + upstream + " has prefix '" + prefix
                    + "': a prefix starts with '/', has at least one segment and no trailing '/'");
        }
    }
}
