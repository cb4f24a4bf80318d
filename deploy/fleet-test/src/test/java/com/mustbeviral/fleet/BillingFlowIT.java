package com.mustbeviral.fleet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The billing loop through the gateway (issue 17): a free user generates up to the plan's limit, is
 * refused with 402, upgrades (billing's local mode, no Stripe key), billing's entitlements reach
 * auth (the plan claim), the gateway (the user's request quota) and content over billing.events, generation
 * works again, and billing's ledger (fed by
 * content's usage.incremented over billing.usage) equals the successful generations exactly.
 */
@ExtendWith(RunningFleet.class)
class BillingFlowIT {

    private static final Fleet FLEET = RunningFleet.FLEET;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASK = "{\"prompt\":\"Two ideas for a windy Monday\",\"type\":\"social_post\","
            + "\"length\":\"short\"}";

    @Test
    void theFreePlansLimitThenAnUpgradeThenGenerationAgainAndTheLedgerMatches() throws Exception {
        // The price list is public.
        given().get("/api/billing/plans").then().statusCode(200).body("data.id", hasItem("pro"));
        FleetAccounts.Account account = FleetAccounts.register();
        String token = FleetAccounts.login(account.username());

        int generated = 0;
        Response answer;
        while ((answer = generate(token)).statusCode() == 201 && generated < 100) {
            generated++;
        }
        answer.then().statusCode(402).body("limit", equalTo("ai_generations"));
        assertEquals(10, generated, "the free plan's AI generations per month");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("plan", "pro"))
                .post("/api/billing/subscription/change").then().statusCode(200)
                .body("applied", equalTo(true)).body("to", equalTo("pro"));

        // entitlements.updated reaches auth within seconds: the next login's token says pro, and the
        // gateway's quota follows that plan (a generation costs 10 units: free allows 12 a minute).
        String[] pro = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            pro[0] = FleetAccounts.login(account.username());
            return "pro".equals(planClaim(pro[0]));
        });
        // ... and the gateway: billing's quota for this user (pro: 600 a minute) applies even under the
        // token from before the upgrade, whose plan claim still says free (120 in the gateway's configuration).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> "600".equals(
                given().auth().oauth2(token).get("/api/billing/subscription").header("X-RateLimit-Limit")));
        // ... and content: the next generation is allowed.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> generate(pro[0]).statusCode() == 201);
        generated++;
        for (int i = 0; i < 2; i++) {
            generate(pro[0]).then().statusCode(201);
            generated++;
        }

        // Billing's ledger over all periods equals content's successful generations, exactly.
        int expected = generated;
        await().atMost(Duration.ofSeconds(20)).until(() -> FLEET.count("billing-service", "billing.db",
                "SELECT COALESCE(SUM(used), 0) FROM usage_counters WHERE user_id = ? AND feature = 'ai_generations'",
                account.id()) >= expected);
        assertEquals(expected, FLEET.count("content-service", "content.db",
                "SELECT count(*) FROM content WHERE author_id = ? AND ai_generated", account.id()));
        Thread.sleep(2000); // nothing more arrives later
        assertEquals(expected, FLEET.count("billing-service", "billing.db",
                "SELECT COALESCE(SUM(used), 0) FROM usage_counters WHERE user_id = ? AND feature = 'ai_generations'",
                account.id()));
        // The pro period started at the upgrade: what was generated since counts against 200.
        given().auth().oauth2(pro[0]).get("/api/billing/usage").then().statusCode(200)
                .body("plan", equalTo("pro"))
                .body("features.find { it.feature == 'ai_generations' }.used", equalTo(expected - 10))
                .body("features.find { it.feature == 'ai_generations' }.limit", equalTo(200));
    }

    private static Response generate(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(ASK).post("/api/content/generate");
    }

    private static String planClaim(String accessToken) throws Exception {
        String payload = accessToken.split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("plan").asText();
    }
}
