package com.mustbeviral.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Turns on the channels the test configuration leaves off where no broker runs: session-events
 * (revocations) and billing-events (quotas from billing).
 */
public class EventChannelsOn implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("mp.messaging.incoming.session-events.enabled", "true",
                "mp.messaging.incoming.billing-events.enabled", "true");
    }

    @Override
    public void stop() {
    }
}
