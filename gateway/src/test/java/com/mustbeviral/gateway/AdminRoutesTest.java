package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The platform's audit trail is for admins only, refused at the door to everyone else. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class AdminRoutesTest {

    @Test
    void anAdminReachesTheAuditTrail() {
        Calls.asAdmin().get("/api/audit/verify").then().statusCode(200).body("upstream", equalTo("audit"));
    }

    @Test
    void aCreatorIsRefusedWithAProblem() {
        assertProblem(Calls.asUser().get("/api/audit/logs").then(), 403)
                .body("detail", equalTo("Only admins may call this endpoint"));
    }

    @Test
    void aPartnerTokenClaimingAdminIsRefused() {
        String partner = TestTokens.partner("partner-" + UUID.randomUUID(), "content:read").claim("role", "admin")
                .asBearer();
        assertProblem(given().header("Authorization", partner).get("/api/audit/verify").then(), 403);
    }

    @Test
    void noTokenIsUnauthorized() {
        assertProblem(given().get("/api/audit/verify").then(), 401);
    }

    @Test
    void theRestOfTheAuditServiceStaysOpenToUsers() {
        Calls.asUser().get("/api/privacy/requests/1").then().statusCode(200).body("upstream", equalTo("audit"));
    }
}
