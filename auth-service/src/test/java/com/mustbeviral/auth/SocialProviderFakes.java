package com.mustbeviral.auth;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for Google, GitHub and X, each under its own path prefix, and the
 * configuration that points auth-service at it with test client credentials. Tests stub each
 * provider's answers through {@link FakeProviders}, speaking the providers' real wire formats.
 */
public class SocialProviderFakes implements QuarkusTestResourceLifecycleManager {

    static final String GOOGLE_CLIENT_ID = "google-test-client.apps.googleusercontent.com";
    static final String GITHUB_CLIENT_ID = "Iv1.githubtestclient";
    static final String X_CLIENT_ID = "x-test-client";
    static final String X_CLIENT_SECRET = "x-test-secret";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.ofEntries(
                Map.entry("social-fakes.url", base),
                Map.entry("auth.social.google.client-id", GOOGLE_CLIENT_ID),
                Map.entry("auth.social.google.client-secret", "google-test-secret"),
                Map.entry("auth.social.google.discovery-uri", base + "/google/.well-known/openid-configuration"),
                Map.entry("auth.social.github.client-id", GITHUB_CLIENT_ID),
                Map.entry("auth.social.github.client-secret", "github-test-secret"),
                Map.entry("auth.social.github.authorization-uri", base + "/github/login/oauth/authorize"),
                Map.entry("auth.social.github.token-uri", base + "/github/login/oauth/access_token"),
                Map.entry("auth.social.github.api-uri", base + "/github-api"),
                Map.entry("auth.social.twitter.client-id", X_CLIENT_ID),
                Map.entry("auth.social.twitter.client-secret", X_CLIENT_SECRET),
                Map.entry("auth.social.twitter.authorization-uri", base + "/x/i/oauth2/authorize"),
                Map.entry("auth.social.twitter.token-uri", base + "/x/2/oauth2/token"),
                Map.entry("auth.social.twitter.api-uri", base + "/x-api"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
