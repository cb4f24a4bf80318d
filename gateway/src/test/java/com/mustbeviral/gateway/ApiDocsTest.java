package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class ApiDocsTest {

    @ParameterizedTest
    @ValueSource(strings = {"auth", "content", "analytics", "billing", "audit"})
    void servesEachServicesOpenApiDocumentWithoutAToken(String service) {
        Management.given().get("/openapi/" + service).then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body("upstream", equalTo(service))
                .body("path", equalTo("/q/openapi"))
                .body("query", equalTo("format=json"));
    }

    @Test
    void answersAnUnknownServiceWith404Problem() {
        assertProblem(Management.given().get("/openapi/payroll").then(), 404);
    }

    @Test
    void listsEveryServiceOnTheSwaggerUiPage() {
        String page = Management.given().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        for (String service : FakeUpstreams.SERVICES) {
            org.junit.jupiter.api.Assertions.assertTrue(page.contains("/openapi/" + service), "Swagger UI lists " + service);
        }
    }
}
