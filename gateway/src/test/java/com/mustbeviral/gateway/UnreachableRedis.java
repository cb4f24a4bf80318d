package com.mustbeviral.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the gateway at a Redis address where nothing listens. */
public class UnreachableRedis implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + ClosedPort.find());
    }

    @Override
    public void stop() {
    }
}
