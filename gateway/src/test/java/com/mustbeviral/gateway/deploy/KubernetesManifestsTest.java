package com.mustbeviral.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.gateway.ratelimit.TrustedProxies;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered overlays (dev, prod) tell the gateway and the services who may say who the client is,
 * and what the public URL is (issue 13, holes 3 and 12): without them every client shares the ingress
 * controller's rate limit at the gateway and the gateway pod's login throttle at auth, discovery
 * advertises localhost and auth's cookies lose Secure.
 */
@Tag("attack")
class KubernetesManifestsTest {

    private static final Path OVERLAYS = Path.of("..", "k8s", "overlays");
    private static final List<String> SERVICES = List.of("auth-service", "content-service", "analytics-service",
            "billing-service", "audit-service");
    /** The services that verify access tokens themselves, and so check their issuer. */
    private static final List<String> TOKEN_CHECKING = List.of("auth-service", "content-service", "audit-service");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGatewayBelievesForwardedAddressesFromTheIngressControllerOnly(String overlay) throws IOException {
        String trusted = Kustomization.render(OVERLAYS.resolve(overlay)).environment("gateway")
                .get("GATEWAY_RATE_LIMIT_TRUSTED_PROXIES");
        assertNotNull(trusted, "the gateway would count every client as the ingress controller");
        assertNarrowRanges(trusted);
        new TrustedProxies(List.of(trusted.split(","))); // the gateway would refuse to start on a malformed one
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceBelievesForwardedAddressesFromTheGateway(String overlay) throws IOException {
        Kustomization rendered = Kustomization.render(OVERLAYS.resolve(overlay));
        for (String service : SERVICES) {
            Map<String, String> env = rendered.environment(service);
            String trusted = env.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
            assertNotNull(trusted, service + " would key its per-address limits on the gateway pod");
            assertNarrowRanges(trusted);
            assertFalse(Arrays.stream(trusted.split(",")).allMatch(r -> r.startsWith("127.") || r.contains("::1")),
                    service + " trusts only loopback, and the gateway is another pod");
            assertFalse("false".equals(env.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")), service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIssuerIsThePublicUrlEverywhere(String overlay) throws IOException {
        Kustomization rendered = Kustomization.render(OVERLAYS.resolve(overlay));
        String issuer = rendered.environment("auth-service").get("AUTH_ISSUER");
        assertNotNull(issuer, "auth would advertise localhost in discovery");
        assertEquals(issuer, rendered.environment("gateway").get("GATEWAY_AUTH_ISSUER"), "the gateway's expected iss");
        for (String service : TOKEN_CHECKING) {
            assertEquals(issuer, rendered.environment(service).get("MP_JWT_VERIFY_ISSUER"), service + "'s expected iss");
        }
        URI url = URI.create(issuer);
        assertFalse(url.getHost().equals("localhost") || url.getHost().startsWith("127."), issuer);
        String ingressHost = rendered.object("Ingress", "gateway").path("spec").path("rules").get(0).path("host").asText();
        assertEquals(ingressHost, url.getHost(), "the issuer is where the Ingress serves the gateway");
        if (overlay.equals("prod")) {
            assertEquals("https", url.getScheme(), "auth marks its cookies Secure only under an https issuer");
            assertTrue(rendered.object("Ingress", "gateway").path("spec").path("tls").toString().contains(ingressHost));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void productionAllowsNoLocalWebOrigins(String overlay) throws IOException {
        String origins = Kustomization.render(OVERLAYS.resolve(overlay)).environment("gateway").get("GATEWAY_CORS_ORIGINS");
        assertTrue(origins == null || !origins.contains("localhost") && !origins.contains("127.0.0.1"), origins);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGatewaysProbesAndScrapeUseItsManagementPortWhichNoServiceExposes(String overlay) throws IOException {
        Kustomization rendered = Kustomization.render(OVERLAYS.resolve(overlay));
        String managementPort = gatewayProperties().getProperty("quarkus.management.port");
        assertEquals("true", gatewayProperties().getProperty("quarkus.management.enabled"));
        var container = rendered.container("gateway");
        String named = null;
        for (var port : container.path("ports")) {
            if (port.path("containerPort").asText().equals(managementPort)) {
                named = port.path("name").asText();
            }
        }
        assertNotNull(named, "the container declares the management port " + managementPort);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals(named, container.path(probe).path("httpGet").path("port").asText(), probe);
        }
        var annotations = rendered.object("Deployment", "gateway").path("spec").path("template").path("metadata")
                .path("annotations");
        assertEquals(managementPort, annotations.path("prometheus.io/port").asText());
        for (var port : rendered.object("Service", "gateway").path("spec").path("ports")) {
            assertFalse(port.path("targetPort").asText().equals(named) || port.path("port").asText().equals(managementPort),
                    "the Service (and so the Ingress) must not reach the management port");
        }
    }

    @org.junit.jupiter.api.Test
    void theGatewayKnowsTheLocalWebOriginsInDevAndTestOnly() throws IOException {
        // Its own CORS (OriginPolicy) in every profile; Quarkus' filter off, and no localhost origin in prod.
        java.util.Properties properties = gatewayProperties();
        assertEquals("false", properties.getProperty("quarkus.http.cors.enabled"));
        for (String key : properties.stringPropertyNames()) {
            if (properties.getProperty(key).contains("localhost") && key.contains("cors")) {
                assertTrue(key.startsWith("%dev.") || key.startsWith("%test."), key + " applies in prod too");
            }
        }
    }

    private static java.util.Properties gatewayProperties() throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var in = KubernetesManifestsTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    private static void assertNarrowRanges(String ranges) {
        for (String range : ranges.split(",")) {
            String trimmed = range.trim();
            assertFalse(trimmed.endsWith("/0") || trimmed.equals("*"), "'" + trimmed + "' trusts the whole internet");
        }
    }
}
