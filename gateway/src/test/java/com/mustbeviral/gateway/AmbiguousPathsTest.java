package com.mustbeviral.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths that the gateway and the services' REST layer would read differently are refused before any
 * decision is taken on them (issue 13, hole 5): {@code ;parameters}, encoded '/', ';', '\', '%', empty
 * segments. Sent byte for byte (RawHttp), since an HTTP client library may rewrite them.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
@Tag("attack")
class AmbiguousPathsTest {

    @Test
    void refusesAPathParameterOnTheGatewaysOwnAdminEndpoint() throws IOException {
        // Quarkus REST drops ";x" and would serve /gateway/upstreams without the admin check.
        RawHttp.Answer answer = get("/gateway/upstreams;x", null);
        assertEquals(400, answer.status(), answer.body());
        assertProblem(answer, "/gateway/upstreams;x");
    }

    @Test
    void refusesAPathParameterThatWouldEscapeTheLoginLimit() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, "POST /api/auth/login;x HTTP/1.1\r\nHost: localhost"
                + "\r\nContent-Length: 0\r\nConnection: close");
        assertEquals(400, answer.status(), answer.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/content/generate;x", "/api/content/generate;", "/api/content%3Bx/generate",
        "/api/content/generate%3bx", "/api/content%2Fgenerate", "/api/content/generate%2f", "/api/content//generate",
        "/api/content/%5C..%5Cgenerate", "/api/content/generate%252F", "/api/content/generate%00"})
    void refusesEverySpellingThatAServiceCouldReadAsAnotherPath(String path) throws IOException {
        RawHttp.Answer answer = get(path, TestTokens.bearer());
        assertEquals(400, answer.status(), path + ": " + answer.body());
        assertProblem(answer, path);
    }

    @Test
    void routesDotSegmentsOnThePathTheServiceWillMatch() {
        // /api/content/../audit/log is /api/audit/log at the service too: admin-only at the door.
        RawHttp.Answer answer = rawOrFail("/api/content/../audit/log", TestTokens.bearer());
        assertEquals(403, answer.status(), answer.body());
    }

    @Test
    void stillProxiesPlainPathsAndQueriesWithSemicolons() {
        Calls.asUser().urlEncodingEnabled(false).get("/api/content/42?filter=a;b").then()
                .statusCode(200)
                .body("path", equalTo("/api/content/42"))
                .body("query", equalTo("filter=a;b"));
        given().get("/gateway/upstreams").then().statusCode(401);
    }

    private static RawHttp.Answer rawOrFail(String path, String bearer) {
        try {
            return get(path, bearer);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static RawHttp.Answer get(String path, String bearer) throws IOException {
        return RawHttp.exchange(RestAssured.port, "GET " + path + " HTTP/1.1\r\nHost: localhost"
                + (bearer == null ? "" : "\r\nAuthorization: " + bearer) + "\r\nConnection: close");
    }

    private static void assertProblem(RawHttp.Answer answer, String path) {
        assertEquals("application/problem+json", answer.headers().get("content-type"));
        JsonObject problem = new JsonObject(answer.body());
        assertEquals(400, problem.getInteger("status"));
        assertEquals(path, problem.getString("instance"));
        assertTrue(problem.getString("detail").startsWith("Malformed path"), problem.getString("detail"));
    }
}
