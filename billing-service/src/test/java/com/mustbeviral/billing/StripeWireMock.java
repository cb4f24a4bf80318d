package com.mustbeviral.billing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock speaking Stripe's API, and billing in Stripe mode against it: stripe-java's API base points
 * here; two webhook secrets are current (a rotation under way).
 */
public class StripeWireMock implements QuarkusTestResourceLifecycleManager {

    static final String OLD_SECRET = "whsec_old_0123456789";
    static final String NEW_SECRET = "whsec_new_9876543210";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of("billing.stripe.api-key", "sk_test_wiremock",
                "billing.stripe.api-base", "http://localhost:" + server.port(),
                "billing.stripe.webhook-secrets", NEW_SECRET + "," + OLD_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
