package com.mustbeviral.billing;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plan changes in local mode (no Stripe key): upgrades now and prorated, downgrades at the period's end. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SubscriptionTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aFreeUserHasNoSubscription() {
        TestTokens user = TestTokens.user();
        as(user).get("/api/billing/subscription").then().statusCode(200)
                .body("plan", equalTo("free"))
                .body("status", equalTo("none"));
    }

    @Test
    void theFirstUpgradeStartsAPeriodNowChargesInFullAndPublishesTheNewEntitlements() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));

        change(user, "pro", false).statusCode(200)
                .body("kind", equalTo("upgrade"))
                .body("applied", equalTo(true))
                .body("amount_due_now_cents", equalTo(1900));

        as(user).get("/api/billing/subscription").then().statusCode(200)
                .body("plan", equalTo("pro")).body("status", equalTo("active"))
                .body("subscription_id", notNullValue());
        as(user).get("/api/billing/usage").then().statusCode(200).body("plan", equalTo("pro"))
                .body("features.find { it.feature == 'ai_generations' }.limit", equalTo(200));
        as(user).get("/api/billing/invoices").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].amount_cents", equalTo(1900));
        List<Outboxed.Event> events = Outboxed.of(dataSource, id);
        assertEquals(List.of("subscription.changed", "entitlements.updated"),
                events.stream().map(Outboxed.Event::type).toList());
        JsonNode entitlements = json.readTree(events.get(1).payload());
        assertEquals("pro", entitlements.get("plan").asText());
        assertEquals(600, entitlements.at("/limits/api_requests_per_minute").asLong());
        assertEquals(0, entitlements.at("/used/ai_generations").asLong());
    }

    @Test
    void anUpgradeMidPeriodChargesTheDifferenceForWhatIsLeft() {
        TestTokens user = TestTokens.user();
        change(user, "pro", false).statusCode(200);
        String end = as(user).get("/api/billing/subscription").then().extract().path("period_end");
        String start = as(user).get("/api/billing/subscription").then().extract().path("period_start");
        long length = Duration.between(Instant.parse(start), Instant.parse(end)).toMillis();
        clock.advance(Duration.ofMillis(length / 2));

        int preview = change(user, "business", true).statusCode(200)
                .body("applied", equalTo(false)).extract().path("amount_due_now_cents");
        // (9900 - 1900) for half the period; a second of rounding either way.
        assertTrue(Math.abs(preview - 4000) <= 1, "prorated " + preview);
        as(user).get("/api/billing/subscription").then().body("plan", equalTo("pro"));

        change(user, "business", false).statusCode(200).body("applied", equalTo(true));
        as(user).get("/api/billing/subscription").then().body("plan", equalTo("business"))
                .body("period_end", equalTo(end));
    }

    @Test
    void aDowngradeWaitsForThePeriodsEndAndCanBeUndone() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        change(user, "business", false).statusCode(200);
        String end = as(user).get("/api/billing/subscription").then().extract().path("period_end");

        change(user, "pro", false).statusCode(200).body("kind", equalTo("downgrade"))
                .body("amount_due_now_cents", equalTo(0)).body("effective_at", equalTo(end));
        as(user).get("/api/billing/subscription").then().body("plan", equalTo("business"))
                .body("pending_plan", equalTo("pro"));
        as(user).post("/api/billing/subscription/resume").then().statusCode(200).body("pending_plan", equalTo(null));
        assertEquals(List.of("subscription.changed", "entitlements.updated", "subscription.changed",
                "subscription.changed"), Outboxed.types(dataSource, id));
    }

    @Test
    void aChangeToTheCurrentPlanIsRefusedAndChangesNothing() throws Exception {
        TestTokens user = TestTokens.user();
        assertProblem(change(user, "free", false), 409);
        assertEquals(List.of(), Outboxed.types(dataSource, UUID.fromString(user.claimValue("sub"))));
    }

    @Test
    void anUnknownPlanIsRefused() throws Exception {
        TestTokens user = TestTokens.user();
        assertProblem(change(user, "platinum", false), 400);
        // The partner plan is not open for sign-up.
        assertProblem(change(user, "partner", false), 400);
        as(user).get("/api/billing/subscription").then().body("plan", equalTo("free"));
        assertEquals(List.of(), Outboxed.types(dataSource, UUID.fromString(user.claimValue("sub"))));
    }

    @Test
    void aChangeWithoutAPlanIsRefused() {
        assertProblem(as(TestTokens.user()).contentType(ContentType.JSON).body("{}")
                .post("/api/billing/subscription/change").then(), 400);
    }

    @Test
    void aMalformedBodyIsRefused() {
        assertProblem(as(TestTokens.user()).contentType(ContentType.JSON).body("{\"plan\":")
                .post("/api/billing/subscription/change").then(), 400);
    }

    @Test
    void cancellingWithoutASubscriptionIsRefused() {
        assertProblem(as(TestTokens.user()).post("/api/billing/subscription/cancel").then(), 409);
    }

    @Test
    void cancellingTwiceIsRefused() {
        TestTokens user = TestTokens.user();
        change(user, "pro", false).statusCode(200);
        as(user).post("/api/billing/subscription/cancel").then().statusCode(200)
                .body("cancel_at_period_end", equalTo(true));
        assertProblem(as(user).post("/api/billing/subscription/cancel").then(), 409);
    }

    @Test
    void resumingWhatIsNotEndingIsRefused() {
        TestTokens user = TestTokens.user();
        change(user, "pro", false).statusCode(200);
        assertProblem(as(user).post("/api/billing/subscription/resume").then(), 409);
    }

    @Test
    void aSubscriptionNeedsAToken() {
        assertProblem(given().get("/api/billing/subscription").then(), 401);
        assertProblem(given().contentType(ContentType.JSON).body("{\"plan\":\"pro\"}")
                .post("/api/billing/subscription/change").then(), 401);
    }

    @Test
    void eachUserSeesOnlyTheirOwn() {
        TestTokens payer = TestTokens.user();
        change(payer, "pro", false).statusCode(200);
        as(TestTokens.user()).get("/api/billing/subscription").then().body("plan", equalTo("free"));
        as(TestTokens.user()).get("/api/billing/invoices").then().body("data", hasSize(0));
    }

    static io.restassured.specification.RequestSpecification as(TestTokens user) {
        return given().header("Authorization", user.asBearer());
    }

    static ValidatableResponse change(TestTokens user, String plan, boolean preview) {
        return as(user).contentType(ContentType.JSON).body("{\"plan\":\"" + plan + "\",\"preview\":" + preview + "}")
                .post("/api/billing/subscription/change").then();
    }
}
