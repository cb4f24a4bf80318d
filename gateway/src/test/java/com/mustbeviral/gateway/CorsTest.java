package com.mustbeviral.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Web origins from quarkus.http.cors.origins (http://localhost:3000 among them). */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class CorsTest {

    private static final String WEB_APP = "http://localhost:3000";

    @Test
    void answersAPreflightFromAWebOriginWithoutAToken() {
        given().header("Origin", WEB_APP)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/content/42").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", WEB_APP)
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void refusesAPreflightFromAnotherOrigin() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/content/42").then()
                .statusCode(403);
    }

    @Test
    void marksAProxiedAnswerForTheWebOriginOnceAndExposesRateLimitHeaders() {
        Response response = Calls.asUser().header("Origin", WEB_APP).get("/api/content/42");
        response.then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(WEB_APP))
                .header("Access-Control-Expose-Headers", containsString("RateLimit"));
        assertEquals(1, response.headers().getValues("Access-Control-Allow-Origin").size());
    }
}
