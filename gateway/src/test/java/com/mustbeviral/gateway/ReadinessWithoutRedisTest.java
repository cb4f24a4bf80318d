package com.mustbeviral.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(UnreachableRedis.class)
@WithTestResource(FakeUpstreams.class)
class ReadinessWithoutRedisTest {

    @Test
    void isNotReadyWhenRedisIsUnreachable() {
        Management.given().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Redis connection health check' }.status", equalTo("DOWN"));
    }

    @Test
    void staysLiveWhenRedisIsUnreachable() {
        Management.given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void keepsProxyingWhenRedisIsUnreachable() {
        Calls.asUser().get("/api/content/1").then().statusCode(200);
    }
}
