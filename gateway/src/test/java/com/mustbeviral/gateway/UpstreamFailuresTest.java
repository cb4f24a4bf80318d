package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(BrokenUpstreams.class)
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class UpstreamFailuresTest {

    @Test
    void answers502ProblemWhenNothingListensOnTheUpstreamsPort() {
        assertProblem(Calls.asUser().get("/test/offline/items").then(), 502)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Gateway"))
                .body("detail", equalTo("The offline service is unreachable"))
                .body("instance", equalTo("/test/offline/items"));
    }

    @Test
    void answers504ProblemWhenTheUpstreamIsSlowerThanItsTimeout() {
        assertProblem(Calls.asUser().get("/test/slow/items?delay_ms=1500").then(), 504)
                .body("title", equalTo("Gateway Timeout"))
                .body("detail", equalTo("The slow service did not answer in time"))
                .body("instance", equalTo("/test/slow/items"));
    }

    @Test
    void answersNormallyWhenTheSlowUpstreamIsWithinItsTimeout() {
        Calls.asUser().get("/test/slow/items?delay_ms=50").then()
                .statusCode(200)
                .body("upstream", equalTo("slow"));
    }

    @Test
    void reportsAnUnreachableUpstreamAsNotReady() {
        Calls.asAdmin().get("/gateway/upstreams").then()
                .statusCode(200)
                .body("all_ready", equalTo(false))
                .body("upstreams.find { it.name == 'offline' }.ready", equalTo(false))
                .body("upstreams.find { it.name == 'offline' }.detail", equalTo("unreachable"))
                .body("upstreams.find { it.name == 'content' }.ready", equalTo(true));
    }

    @Test
    void reportsAnUpstreamWhoseReadinessAnswers503AsNotReady() {
        Calls.asAdmin().get("/gateway/upstreams").then()
                .body("upstreams.find { it.name == 'unready' }.ready", equalTo(false))
                .body("upstreams.find { it.name == 'unready' }.detail", containsString("503"));
    }

    @Test
    void staysReadyItselfWhileAnUpstreamIsDown() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
