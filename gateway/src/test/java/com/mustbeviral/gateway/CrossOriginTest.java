package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Browsers on other origins (OriginPolicy): web apps' origins from gateway.cors.origins (the test
 * profile's http://localhost:3000 among them); same-origin form posts, such as auth's consent page,
 * pass; cross-origin writes are refused with a logged problem (issue 13, hole 2).
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class CrossOriginTest {

    private static final String WEB_APP = "http://localhost:3000";
    private static final String CONSENT_DECISION = "/oauth2/authorize/decision";

    private final AccessLines accessLog = new AccessLines();

    @BeforeEach
    void listen() {
        accessLog.start();
    }

    @AfterEach
    void stopListening() {
        accessLog.stop();
    }

    @Test
    void answersAPreflightFromAWebOriginWithoutAToken() {
        given().header("Origin", WEB_APP)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/content/42").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", WEB_APP)
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "600")
                .header("Vary", containsString("Origin"));
    }

    @Test
    @Tag("attack")
    void refusesAPreflightFromAnotherOriginWithALoggedProblem() {
        assertProblem(given().header("Origin", "https://evil.example").header("X-Request-Id", "cors-preflight-evil")
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/content/42").then(), 403)
                .header("Access-Control-Allow-Origin", nullValue())
                .body("detail", containsString("https://evil.example"));
        assertEquals(403, accessLog.of("cors-preflight-evil").getInteger("status"));
    }

    @Test
    void marksAProxiedAnswerForTheWebOriginOnceAndExposesRateLimitHeaders() {
        Response response = Calls.asUser().header("Origin", WEB_APP).get("/api/content/42");
        response.then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(WEB_APP))
                .header("Access-Control-Expose-Headers", containsString("RateLimit"));
        assertEquals(1, response.headers().getValues("Access-Control-Allow-Origin").size());
    }

    @Test
    void letsAWebAppWrite() {
        Calls.asUser().header("Origin", WEB_APP).post("/api/content").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(WEB_APP));
    }

    @Test
    @Tag("attack")
    void letsTheConsentFormPostedFromTheGatewaysOwnOriginThrough() {
        // What a browser sends for the consent page's form: its own origin (the page says same-origin).
        given().header("Origin", "http://localhost:" + RestAssured.port).header("X-Forwarded-For", "198.18.7.1")
                .contentType("application/x-www-form-urlencoded").formParam("decision", "deny")
                .post(CONSENT_DECISION).then()
                .statusCode(200)
                .body("path", equalTo(CONSENT_DECISION))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    @Tag("attack")
    void refusesAFormPostedFromAnotherSiteWithALoggedProblem() {
        assertProblem(given().header("Origin", "https://evil.example").header("X-Request-Id", "cors-post-evil")
                .contentType("application/x-www-form-urlencoded").formParam("decision", "allow")
                .post(CONSENT_DECISION).then(), 403)
                .body("instance", equalTo(CONSENT_DECISION));
        assertEquals(403, accessLog.of("cors-post-evil").getInteger("status"));
    }

    @Test
    @Tag("attack")
    void refusesAWriteFromTheOpaqueNullOriginWithALoggedProblem() {
        // A sandboxed frame or data: page anywhere sends "Origin: null": it is never the gateway's own.
        assertProblem(given().header("Origin", "null").header("X-Request-Id", "cors-post-null")
                .contentType("application/x-www-form-urlencoded").formParam("decision", "allow")
                .post(CONSENT_DECISION).then(), 403)
                .header("Access-Control-Allow-Origin", nullValue());
        assertEquals(403, accessLog.of("cors-post-null").getInteger("status"));
    }

    @Test
    @Tag("attack")
    void refusesAWriteFromAnotherPortOfTheSameHost() {
        assertProblem(Calls.asUser().header("Origin", "http://localhost:1").post("/api/content").then(), 403);
    }

    @Test
    void letsAnotherOriginReadWithoutMarkingTheAnswerForIt() {
        // As Kong's and Envoy's CORS filters do: the browser, not the gateway, keeps that page from reading it.
        Calls.asUser().header("Origin", "https://evil.example").get("/api/content/42").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "null").get("/.well-known/openid-configuration").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void passesWritesWithoutAnOriginAsApiClientsSendThem() {
        Calls.asUser().post("/api/content").then().statusCode(200);
    }
}
