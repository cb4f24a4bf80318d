package com.mustbeviral.audit;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class AuditResourceTest {

    private static final String VERIFY = "/api/audit/verify";

    @Test
    void anAdminVerifiesTheChain() {
        given().header("Authorization", TestTokens.user().claim("role", "admin").asBearer()).get(VERIFY).then()
                .statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aCreatorIsForbidden() {
        assertProblem(given().header("Authorization", TestTokens.bearer()).get(VERIFY).then(), 403);
    }

    @Test
    void aPartnerTokenIsForbiddenWhateverItsScopes() {
        assertProblem(given().header("Authorization", TestTokens.partner("partner-1", "content:read analytics:read").asBearer())
                .get(VERIFY).then(), 403);
    }

    @Test
    void noTokenIsUnauthorized() {
        assertProblem(given().get(VERIFY).then(), 401).header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void anAdminTokenFromAnotherIssuerIsUnauthorized() {
        assertProblem(given().header("Authorization", TestTokens.user().claim("role", "admin").claim("iss", "https://evil.example")
                .asBearer()).get(VERIFY).then(), 401).header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
    }

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
