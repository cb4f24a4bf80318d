package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Tag;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class GatewayEndpointsTest {

    @Test
    void reportsEveryUpstreamReadyWithItsUrlAndPrefixes() {
        Calls.asAdmin().get("/gateway/upstreams").then()
                .statusCode(200)
                .body("all_ready", equalTo(true))
                .body("upstreams.name", containsInAnyOrder(FakeUpstreams.SERVICES.toArray()))
                .body("upstreams.ready", not(hasItem(false)))
                .body("upstreams.find { it.name == 'billing' }.prefixes", contains("/api/billing", "/api/webhooks/stripe"))
                .body("upstreams.find { it.name == 'billing' }.url", startsWith("http://127.0.0.1:"));
    }

    @Test
    void refusesUpstreamsWithoutATokenWith401Problem() {
        assertProblem(given().get("/gateway/upstreams").then(), 401)
                .header("WWW-Authenticate", "Bearer realm=\"mustbeviral\"");
    }

    @Test
    void refusesUpstreamsWithAnExpiredAdminTokenWith401Problem() {
        String expired = TestTokens.user().claim("role", "admin").expiresIn(Duration.ofMinutes(-5)).asBearer();
        assertProblem(given().header("Authorization", expired).get("/gateway/upstreams").then(), 401);
    }

    @Test
    void refusesUpstreamsToAUserWhoIsNoAdminWith403Problem() {
        String creator = TestTokens.user().claim("role", "creator").asBearer();
        assertProblem(given().header("Authorization", creator).get("/gateway/upstreams").then(), 403)
                .body("detail", equalTo("Only admins may call this endpoint"));
    }

    @Test
    void refusesUpstreamsToAPartnerTokenEvenWithAnAdminRoleWith403Problem() {
        String partner = TestTokens.partner("partner-" + UUID.randomUUID(), "content:read").claim("role", "admin").asBearer();
        assertProblem(given().header("Authorization", partner).get("/gateway/upstreams").then(), 403);
    }

    @Test
    void refusesAWrongMethodOnAGatewayEndpointWith405Problem() {
        assertProblem(Calls.asAdmin().post("/gateway/upstreams").then(), 405);
    }

    @Test
    void refusesAWriteOnQuarkusEndpointsWith405Problem() {
        assertProblem(Management.given().delete("/q/health/ready").then(), 405)
                .header("Allow", "GET, HEAD")
                .body("instance", equalTo("/q/health/ready"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/swagger-ui/", "/q/openapi", "/q/health/ready", "/openapi/auth"})
    @Tag("attack")
    void servesNoManagementEndpointOnThePublicPort(String path) {
        assertProblem(given().get(path).then(), 404);
        Management.given().get(path).then().statusCode(200);
    }

    @Test
    void isReadyWhenRedisAnswersPing() {
        Management.given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Redis connection health check' }.data.default", equalTo("PONG"));
    }

    @Test
    void countsProxiedRequestsByUpstreamAndStatusClass() {
        double before = counter("billing", "2xx");
        Calls.asUser().get("/api/billing/plans").then().statusCode(200);
        assertEquals(before + 1, counter("billing", "2xx"));
    }

    @Test
    void tagsServerMetricsByOwnedPrefixNotByTheWholePath() {
        String id = UUID.randomUUID().toString();
        Calls.asUser().get("/api/content/" + id).then().statusCode(200);

        String metrics = Management.given().get("/q/metrics").asString();
        assertTrue(metrics.contains("uri=\"/api/content/*\""), "proxied requests are grouped by prefix");
        assertFalse(metrics.contains(id), "no time series per content id");
    }

    private static double counter(String upstream, String statusClass) {
        Pattern line = Pattern.compile("gateway_proxy_requests_total\\{status_class=\"" + statusClass
                + "\",upstream=\"" + upstream + "\"} (\\S+)");
        Matcher matcher = line.matcher(Management.given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
