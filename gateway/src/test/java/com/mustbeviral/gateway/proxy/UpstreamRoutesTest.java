package com.mustbeviral.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.gateway.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamRoutesTest {

    private final UpstreamRoutes routes = routes(Map.of(
            "auth", List.of("/api/auth", "/api/admin/users"),
            "content", List.of("/api/content"),
            "admin", List.of("/api/admin")));

    @Test
    void ownsThePrefixItselfAndEverythingBelowIt() {
        assertEquals("content", owner("/api/content"));
        assertEquals("content", owner("/api/content/"));
        assertEquals("content", owner("/api/content/42/publish"));
    }

    @Test
    void doesNotMatchAPrefixInsideALongerSegment() {
        assertTrue(routes.routeFor("/api/contentx").isEmpty());
        assertTrue(routes.routeFor("/api/content-drafts/1").isEmpty());
    }

    @Test
    void letsTheLongestMatchingPrefixWin() {
        assertEquals("auth", owner("/api/admin/users/7"));
        assertEquals("admin", owner("/api/admin/settings"));
    }

    @Test
    void ownsNothingOutsideItsPrefixes() {
        assertTrue(routes.routeFor("/api").isEmpty());
        assertTrue(routes.routeFor("/").isEmpty());
    }

    @Test
    void refusesAPrefixClaimedByTwoUpstreams() {
        Map<String, List<String>> clash = new LinkedHashMap<>();
        clash.put("auth", List.of("/api/users"));
        clash.put("content", List.of("/api/users"));
        assertThrows(IllegalStateException.class, () -> routes(clash));
    }

    @Test
    void refusesAPrefixWithATrailingSlash() {
        assertThrows(IllegalStateException.class, () -> routes(Map.of("auth", List.of("/api/auth/"))));
    }

    @Test
    void refusesAPrefixWithoutALeadingSlash() {
        assertThrows(IllegalStateException.class, () -> routes(Map.of("auth", List.of("api/auth"))));
    }

    private String owner(String path) {
        return routes.routeFor(path).orElseThrow().upstream();
    }

    private static UpstreamRoutes routes(Map<String, List<String>> prefixesByUpstream) {
        Map<String, GatewayConfig.Upstream> upstreams = new LinkedHashMap<>();
        prefixesByUpstream.forEach((name, prefixes) -> upstreams.put(name, upstream(prefixes)));
        return new UpstreamRoutes(new GatewayConfig() {
            @Override
            public Map<String, Upstream> upstreams() {
                return upstreams;
            }

            @Override
            public Readiness readiness() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Auth auth() {
                throw new UnsupportedOperationException();
            }

            @Override
            public RateLimit rateLimit() {
                throw new UnsupportedOperationException();
            }

            @Override
            public AccessLog accessLog() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Cors cors() {
                throw new UnsupportedOperationException();
            }
        });
    }

    private static GatewayConfig.Upstream upstream(List<String> prefixes) {
        return new GatewayConfig.Upstream() {
            @Override
            public URI url() {
                return URI.create("http://localhost:1");
            }

            @Override
            public List<String> prefixes() {
                return prefixes;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int poolSize() {
                return 1;
            }
        };
    }
}
