package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class ProxyRoutingTest {

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
        "/api/auth/login, auth",
        "/api/users/me, auth",
        "/api/admin/users/42, auth",
        "/api/admin/oauth-clients, auth",
        "/oauth2/token, auth",
        "/.well-known/openid-configuration, auth",
        "/api/content/42, content",
        "/api/tags/trending, content",
        "/api/media, content",
        "/api/moderation/queue, content",
        "/api/events, analytics",
        "/api/analytics/overview, analytics",
        "/api/billing/plans, billing",
        "/api/webhooks/stripe, billing",
        "/api/audit/logs, audit",
        "/api/privacy/export, audit"
    })
    void routesEachPrefixToTheServiceThatOwnsIt(String path, String upstream) {
        // An admin's token: /api/audit is for admins only (AdminRoutesTest).
        Calls.asAdmin().get(path).then()
                .statusCode(200)
                .body("upstream", equalTo(upstream))
                .body("path", equalTo(path));
    }

    @Test
    void passesMethodPathAndQueryThroughUnchanged() {
        Calls.asUser().urlEncodingEnabled(false)
                .patch("/api/content/7/tags?limit=5&cursor=a%20b&tag=x&tag=y")
                .then()
                .statusCode(200)
                .body("method", equalTo("PATCH"))
                .body("path", equalTo("/api/content/7/tags"))
                .body("query", equalTo("limit=5&cursor=a%20b&tag=x&tag=y"));
    }

    @Test
    void routesThePrefixItselfWithoutATrailingSegment() {
        Calls.asUser().get("/api/content").then().statusCode(200).body("upstream", equalTo("content"));
    }

    @Test
    void doesNotRouteAPathThatOnlyStartsWithAPrefixsCharacters() {
        assertProblem(Calls.asUser().get("/api/contentx").then(), 404);
    }

    @Test
    void doesNotRouteASiblingOfAnOwnedSubPath() {
        // auth owns /api/admin/users, not /api/admin as a whole.
        assertProblem(Calls.asUser().get("/api/admin/settings").then(), 404);
    }

    @Test
    void answersAnUnknownRouteWithA404Problem() {
        assertProblem(Calls.asUser().get("/api/unknown/thing").then(), 404)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("No service owns this path"))
                .body("instance", equalTo("/api/unknown/thing"));
    }
}
