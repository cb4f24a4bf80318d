package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.mustbeviral.contracts.auth.PartnerScopes;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class PartnerScopesTest {

    @Test
    void letsAPartnerReadContentWithContentRead() {
        String client = "partner-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.partner(client, "content:read").asBearer())
                .get("/api/content/42").then()
                .statusCode(200)
                .body("headers.'x-client-id'", equalTo(client))
                .body("headers.'x-scopes'", equalTo("content:read"))
                .body("headers.'x-user-id'", nullValue())
                .body("headers.'x-session-id'", nullValue());
    }

    @Test
    void refusesAPartnerWritingContentWithOnlyContentReadWith403InsufficientScope() {
        assertProblem(given().header("Authorization", partner("content:read")).post("/api/content").then(), 403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .header("WWW-Authenticate", containsString("scope=\"content:write\""))
                .body("detail", containsString("content:write"));
    }

    @Test
    void letsAPartnerWriteContentWithContentWrite() {
        given().header("Authorization", partner("content:read content:write")).post("/api/content").then().statusCode(200);
    }

    @Test
    void letsAPartnerReadAnalyticsWithAnalyticsRead() {
        given().header("Authorization", partner("analytics:read")).get("/api/analytics/overview").then().statusCode(200);
    }

    @Test
    void refusesAPartnerOnARouteWithoutAScopeRuleWhateverItsScopes() {
        assertProblem(given().header("Authorization", partner("content:read content:write analytics:read"))
                .get("/api/billing/subscription").then(), 403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
    }

    @Test
    void doesNotLimitAUserTokenToScopes() {
        given().header("Authorization", TestTokens.bearer()).get("/api/billing/subscription").then().statusCode(200);
    }

    @Test
    @Tag("attack")
    void letsAPartnerReadTagsWithContentReadAsContentServiceDoes() {
        // content-service lets content:read list tags; the gateway reads the same contract.
        given().header("Authorization", partner("content:read")).get("/api/tags").then()
                .statusCode(200)
                .body("upstream", equalTo("content"));
    }

    @Test
    @Tag("attack")
    void refusesAPartnerWritingTags() {
        assertProblem(given().header("Authorization", partner("content:read content:write")).post("/api/tags").then(), 403);
    }

    @Test
    @Tag("attack")
    void letsAPartnerTokenWithOpenidCallUserInfoAsDiscoveryAdvertises() {
        String bearer = TestTokens.partner("partner-" + UUID.randomUUID(), "openid profile").claim("sub", "user-1")
                .asBearer();
        given().header("Authorization", bearer).get("/oauth2/userinfo").then()
                .statusCode(200)
                .body("upstream", equalTo("auth"));
        given().header("Authorization", bearer).post("/oauth2/userinfo").then().statusCode(200);
    }

    @Test
    void refusesUserInfoToAPartnerTokenWithoutOpenid() {
        assertProblem(given().header("Authorization", partner("content:read")).get("/oauth2/userinfo").then(), 403)
                .header("WWW-Authenticate", containsString("scope=\"openid\""));
    }

    @Test
    void admitsPartnersByTheContractAlone() {
        // Every rule of the contract opens its routes at the door; nothing else does.
        for (PartnerScopes.Rule rule : PartnerScopes.RULES) {
            for (String route : rule.routes()) {
                String method = route.split(" ")[0].split("\\|")[0];
                String path = route.split(" ")[1] + "/1";
                given().header("Authorization", partner(rule.scope())).request(method, path).then()
                        .statusCode(200);
            }
        }
    }

    private static String partner(String scopes) {
        return TestTokens.partner("partner-" + UUID.randomUUID(), scopes).asBearer();
    }
}
