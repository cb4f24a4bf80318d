package com.mustbeviral.auth;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for Google, GitHub and X, each under its own path prefix, and the
 * configuration that points auth-service's quarkus-oidc tenants at it with test client credentials. Tests stub each
 * provider's answers through {@link FakeProviders}, speaking the providers' real wire formats.
 */
public class SocialProviderFakes implements QuarkusTestResourceLifecycleManager {

    static final String GOOGLE_CLIENT_ID = "google-test-client.apps.googleusercontent.com";
    static final String GOOGLE_CLIENT_SECRET = "google-test-secret-0123456789abcdef";
    static final String GITHUB_CLIENT_ID = "Iv1.githubtestclient";
    static final String X_CLIENT_ID = "x-test-client";
    static final String X_CLIENT_SECRET = "x-test-secret-0123456789abcdef-0123";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        // Google's discovery must answer when the tenant starts; its keys are published per test JVM by FakeProviders.
        FakeProviders.publishGoogleDiscovery(new WireMock(server.port()), base);
        return Map.ofEntries(
                Map.entry("social-fakes.url", base),
                Map.entry("quarkus.oidc.google.tenant-enabled", "true"),
                Map.entry("quarkus.oidc.google.auth-server-url", base + "/google"),
                Map.entry("quarkus.oidc.google.client-id", GOOGLE_CLIENT_ID),
                Map.entry("quarkus.oidc.google.credentials.secret", GOOGLE_CLIENT_SECRET),
                // Keys fetched when a token names them, so the keys a test signs with are the ones served then.
                Map.entry("quarkus.oidc.google.jwks.resolve-early", "false"),
                Map.entry("quarkus.oidc.github.tenant-enabled", "true"),
                Map.entry("quarkus.oidc.github.auth-server-url", base + "/github/login/oauth"),
                Map.entry("quarkus.oidc.github.user-info-path", base + "/github-api/user"),
                Map.entry("quarkus.oidc.github.client-id", GITHUB_CLIENT_ID),
                Map.entry("quarkus.oidc.github.credentials.secret", "github-test-secret-0123456789abcdef"),
                Map.entry("auth.social.github-api-uri", base + "/github-api"),
                Map.entry("quarkus.oidc.twitter.tenant-enabled", "true"),
                Map.entry("quarkus.oidc.twitter.auth-server-url", base + "/x/2/oauth2"),
                Map.entry("quarkus.oidc.twitter.authorization-path", base + "/x/i/oauth2/authorize"),
                Map.entry("quarkus.oidc.twitter.user-info-path", base + "/x-api/2/users/me"),
                Map.entry("quarkus.oidc.twitter.client-id", X_CLIENT_ID),
                Map.entry("quarkus.oidc.twitter.credentials.secret", X_CLIENT_SECRET));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
