package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class PublicRoutesTest {

    @ParameterizedTest(name = "{0} {1} needs no token")
    @CsvSource({
        "POST, /api/auth/register",
        "POST, /api/auth/login",
        "POST, /api/auth/refresh",
        "POST, /oauth2/token",
        "GET, /oauth2/authorize",
        "POST, /oauth2/introspect",
        "POST, /oauth2/revoke",
        "GET, /.well-known/openid-configuration",
        "GET, /api/auth/oauth/github/authorize",
        "GET, /api/auth/oauth/google/callback",
        "POST, /api/webhooks/stripe",
        "POST, /api/events",
        "POST, /api/auth/verify-email",
        "POST, /api/auth/password/forgot",
        "POST, /api/auth/password/reset",
        "GET, /api/content/feed",
        "GET, /api/content/authors/4b1c2f0e-6f1a-4c52-9d1e-0c7d3e9f1a2b/a-slug",
        "GET, /api/billing/plans"
    })
    void letsAPublicRouteThroughWithoutAToken(String method, String path) {
        // Each from its own address, so that the strict login/register buckets cannot interfere.
        given().header("X-Forwarded-For", "198.51.100." + Math.abs(path.hashCode() % 250))
                .request(method, path).then()
                .statusCode(200)
                .body("path", equalTo(path))
                .body("headers.'x-user-id'", nullValue());
    }

    @Test
    void keepsOtherMethodsOfAPublicPathClosed() {
        assertProblem(given().get("/api/auth/login").then(), 401);
        assertProblem(given().get("/api/webhooks/stripe").then(), 401);
        assertProblem(given().contentType("application/json").body("{}").post("/api/content").then(), 401);
        assertProblem(given().delete("/api/content/4b1c2f0e-6f1a-4c52-9d1e-0c7d3e9f1a2b").then(), 401);
        assertProblem(given().get("/api/billing/usage").then(), 401);
    }

    @Test
    void keepsTheRestOfTheAuthServiceClosed() {
        assertProblem(given().post("/api/auth/logout").then(), 401);
        assertProblem(given().get("/api/auth/sessions").then(), 401);
    }

    @Test
    void usesAValidTokenOnAPublicRoute() {
        TestTokens token = TestTokens.user();
        given().header("Authorization", token.asBearer()).post("/api/events").then()
                .statusCode(200)
                .body("headers.'x-user-id'", equalTo(token.claimValue("sub")));
    }

    @Test
    void treatsAnExpiredTokenOnAPublicRouteAsAnonymous() {
        given().header("Authorization", TestTokens.user().expiresIn(Duration.ofHours(-1)).asBearer())
                .header("X-Forwarded-For", "198.51.100.251")
                .post("/api/auth/login").then()
                .statusCode(200)
                .body("headers.'x-user-id'", nullValue())
                .header("RateLimit-Policy", equalTo("\"login\";q=10;w=60"));
    }
}
