package com.mustbeviral.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Turns on the session-events channel, which the test configuration leaves off where no broker runs. */
public class SessionEventsOn implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("mp.messaging.incoming.session-events.enabled", "true");
    }

    @Override
    public void stop() {
    }
}
