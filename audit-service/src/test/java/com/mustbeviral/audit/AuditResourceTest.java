package com.mustbeviral.audit;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class AuditResourceTest {

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(given().get("/api/audit/no-such-report").then(), 404);
    }

    @Test
    void wrongMethodIsNotAllowed() {
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/audit/verify").then(), 405);
    }

    @Test
    void oversizedBodyIsRefused() {
        assertProblem(given().contentType(ContentType.JSON).body("x".repeat(2 * 1024 * 1024))
                .post("/api/audit/verify").then(), 413);
    }

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems(
                        org.hamcrest.Matchers.containsString("Database"),
                        org.hamcrest.Matchers.containsString("Messaging")));
    }
}
