package com.mustbeviral.billing;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class PlanResourceTest {

    @Test
    void listsActivePlansCheapestFirstWithTheirLimits() {
        given().get("/api/billing/plans").then().statusCode(200)
                .body("data.id", contains("free", "pro", "business"))
                .body("data[0].price_cents", equalTo(0))
                .body("data[1].limits.ai_generations", equalTo(200))
                .body("data[2].billing_interval", equalTo("month"))
                .body("default_plan", equalTo("free"));
    }

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(given().get("/api/billing/nothing-here").then(), 404);
    }

    @Test
    void wrongMethodIsNotAllowed() {
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/billing/plans").then(), 405);
    }

    @Test
    void oversizedBodyIsRefused() {
        assertProblem(given().contentType(ContentType.JSON).body("x".repeat(2 * 1024 * 1024))
                .post("/api/billing/plans").then(), 413);
    }
}
