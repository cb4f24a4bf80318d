package com.mustbeviral.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The five services as usual, plus three upstreams that each break one thing: {@code offline}
 * (nothing listens on its port), {@code slow} (a 300 ms timeout, which tests outwait on purpose)
 * and {@code unready} (up, but its readiness endpoint answers 503).
 */
public class BrokenUpstreams implements QuarkusTestProfile {

    static final String SLOW_TIMEOUT = "300ms";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.upstreams.offline.url", "http://127.0.0.1:" + ClosedPort.find(),
                "gateway.upstreams.offline.prefixes", "/test/offline",
                "gateway.upstreams.slow.url", "${fake-upstreams.slow.url}",
                "gateway.upstreams.slow.prefixes", "/test/slow",
                "gateway.upstreams.slow.timeout", SLOW_TIMEOUT,
                "gateway.upstreams.unready.url", "${fake-upstreams.unready.url}",
                "gateway.upstreams.unready.prefixes", "/test/unready");
    }
}
