package com.mustbeviral.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.mustbeviral.billing.SubscriptionTest.as;
import static com.mustbeviral.billing.SubscriptionTest.change;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import com.mustbeviral.testsupport.TestTokens;
import com.stripe.net.Webhook;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Billing with a Stripe key: production code through stripe-java against WireMock speaking Stripe's
 * API, and webhooks signed as Stripe signs them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = StripeWireMock.class, restrictToAnnotatedClass = true)
class StripeModeTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @BeforeEach
    void resetStripe() {
        StripeWireMock.server.resetAll();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void checkoutCreatesTheCustomerOnceAndASessionForThePlansPrice() {
        TestTokens user = TestTokens.user();
        String id = user.claimValue("sub");
        StripeWireMock.server.stubFor(post("/v1/customers").willReturn(json("{\"id\":\"cus_" + id.substring(0, 8)
                + "\",\"object\":\"customer\"}")));
        StripeWireMock.server.stubFor(post("/v1/checkout/sessions").willReturn(json(
                "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_1\"}")));

        checkout(user, "pro").statusCode(200).body("id", equalTo("cs_test_1"))
                .body("url", equalTo("https://checkout.stripe.com/c/pay/cs_test_1"));
        checkout(user, "business").statusCode(200);

        StripeWireMock.server.verify(1, postRequestedFor(urlEqualTo("/v1/customers"))
                .withRequestBody(containing("metadata[user_id]=" + id)));
        StripeWireMock.server.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk_test_wiremock"))
                .withRequestBody(containing("line_items[0][price]=price_mbv_pro_month"))
                .withRequestBody(containing("subscription_data[metadata][user_id]=" + id))
                .withRequestBody(containing("mode=subscription")));
    }

    @Test
    void checkoutOfAnUnknownOrFreePlanIsRefused() {
        assertProblem(checkout(TestTokens.user(), "platinum"), 400);
        assertProblem(checkout(TestTokens.user(), "free"), 400);
        StripeWireMock.server.verify(0, postRequestedFor(urlEqualTo("/v1/checkout/sessions")));
    }

    @Test
    void whenStripeFailsCheckoutAnswers502() {
        StripeWireMock.server.stubFor(post("/v1/customers").willReturn(json("{\"id\":\"cus_x\",\"object\":\"customer\"}")));
        StripeWireMock.server.stubFor(post("/v1/checkout/sessions").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such price\"}}")));
        assertProblem(checkout(TestTokens.user(), "pro"), 502);
    }

    @Test
    void thePortalNeedsACustomer() {
        assertProblem(as(TestTokens.user()).post("/api/billing/portal").then(), 409);
    }

    @Test
    void thePortalLinkIsStripes() {
        TestTokens user = TestTokens.user();
        StripeWireMock.server.stubFor(post("/v1/customers").willReturn(json("{\"id\":\"cus_p\",\"object\":\"customer\"}")));
        StripeWireMock.server.stubFor(post("/v1/checkout/sessions").willReturn(json(
                "{\"id\":\"cs_p\",\"object\":\"checkout.session\",\"url\":\"https://checkout.stripe.com/c/pay/cs_p\"}")));
        StripeWireMock.server.stubFor(post("/v1/billing_portal/sessions").willReturn(json(
                "{\"id\":\"bps_1\",\"object\":\"billing_portal.session\",\"url\":\"https://billing.stripe.com/p/session/x\"}")));
        checkout(user, "pro").statusCode(200);

        as(user).post("/api/billing/portal").then().statusCode(200)
                .body("url", equalTo("https://billing.stripe.com/p/session/x"));
    }

    @Test
    void aLocalPlanChangeIsRefusedWithStripe() {
        assertProblem(change(TestTokens.user(), "pro", false), 409);
    }

    @Test
    void aSignedSubscriptionEventAppliesStripesCurrentStateAndPublishesIt() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        stripeHolds(sub, id, "active", "price_mbv_pro_month", false);

        deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", sub), StripeWireMock.NEW_SECRET,
                clock.instant()).statusCode(200).body("outcome", equalTo("handled"));

        as(user).get("/api/billing/subscription").then().body("plan", equalTo("pro"))
                .body("status", equalTo("active"));
        as(user).get("/api/billing/usage").then().body("plan", equalTo("pro"));
        assertEquals(List.of("subscription.changed", "entitlements.updated"), Outboxed.types(dataSource, id));
    }

    @Test
    void eventsInAnyOrderEndInStripesCurrentState() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        // Stripe now holds business; the "updated" (to business) arrives before the older "created" (pro).
        stripeHolds(sub, id, "active", "price_mbv_business_month", false);

        deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.updated", sub), StripeWireMock.NEW_SECRET,
                clock.instant()).statusCode(200);
        deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", sub), StripeWireMock.NEW_SECRET,
                clock.instant()).statusCode(200);

        as(user).get("/api/billing/subscription").then().body("plan", equalTo("business"));
        // The late event found nothing to change: one change, published once.
        assertEquals(List.of("subscription.changed", "entitlements.updated"), Outboxed.types(dataSource, id));
    }

    @Test
    void aDeletedSubscriptionLeavesTheUserOnTheDefaultPlan() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        stripeHolds(sub, id, "active", "price_mbv_pro_month", false);
        deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", sub), StripeWireMock.NEW_SECRET,
                clock.instant()).statusCode(200);
        stripeHolds(sub, id, "canceled", "price_mbv_pro_month", false);

        deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.deleted", sub), StripeWireMock.NEW_SECRET,
                clock.instant()).statusCode(200);

        as(user).get("/api/billing/subscription").then().body("plan", equalTo("free"));
        as(user).get("/api/billing/usage").then()
                .body("features.find { it.feature == 'ai_generations' }.limit", equalTo(10));
    }

    @Test
    void aRedeliveredEventIsHandledOnce() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        stripeHolds(sub, id, "active", "price_mbv_pro_month", false);
        String payload = event("evt_" + UUID.randomUUID(), "customer.subscription.created", sub);

        deliver(payload, StripeWireMock.NEW_SECRET, clock.instant()).statusCode(200).body("outcome", equalTo("handled"));
        deliver(payload, StripeWireMock.NEW_SECRET, clock.instant()).statusCode(200).body("outcome", equalTo("duplicate"));

        StripeWireMock.server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/v1/subscriptions/" + sub)));
        assertEquals(List.of("subscription.changed", "entitlements.updated"), Outboxed.types(dataSource, id));
    }

    @Test
    void anEventSignedWithTheSecretBeingRotatedOutIsAccepted() throws Exception {
        TestTokens user = TestTokens.user();
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        stripeHolds(sub, UUID.fromString(user.claimValue("sub")), "active", "price_mbv_pro_month", false);

        deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", sub), StripeWireMock.OLD_SECRET,
                clock.instant()).statusCode(200).body("outcome", equalTo("handled"));
    }

    @Test
    void anUnsignedEventIsRefused() {
        assertProblem(given().contentType(ContentType.JSON).body(event("evt_unsigned", "customer.subscription.created",
                "sub_x")).post("/api/webhooks/stripe").then(), 400);
    }

    @Test
    void anEventSignedWithAnUnknownSecretIsRefused() throws Exception {
        assertProblem(deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", "sub_x"),
                "whsec_someone_else", clock.instant()), 400);
    }

    @Test
    void anEventSignedMoreThanFiveMinutesAgoIsRefused() throws Exception {
        assertProblem(deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", "sub_x"),
                StripeWireMock.NEW_SECRET, clock.instant().minus(301, ChronoUnit.SECONDS)), 400);
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        String payload = event("evt_" + UUID.randomUUID(), "customer.subscription.created", "sub_x");
        String header = signature(payload, StripeWireMock.NEW_SECRET, clock.instant());
        assertProblem(given().contentType(ContentType.JSON).header("Stripe-Signature", header)
                .body(payload.replace("sub_x", "sub_y")).post("/api/webhooks/stripe").then(), 400);
    }

    @Test
    void anEventOfAnotherKindIsRecordedAndIgnored() throws Exception {
        deliver("{\"id\":\"evt_" + UUID.randomUUID() + "\",\"object\":\"event\",\"type\":\"customer.created\","
                + "\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}", StripeWireMock.NEW_SECRET,
                clock.instant()).statusCode(200).body("outcome", equalTo("ignored"));
    }

    private static ValidatableResponse checkout(TestTokens user, String plan) {
        return as(user).contentType(ContentType.JSON).body("{\"plan\":\"" + plan + "\"}").post("/api/billing/checkout")
                .then();
    }

    private void stripeHolds(String sub, UUID user, String status, String price, boolean cancelAtPeriodEnd) {
        long start = clock.instant().truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        long end = clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        StripeWireMock.server.stubFor(get("/v1/subscriptions/" + sub).willReturn(json("""
                {"id":"%s","object":"subscription","customer":"cus_%s","status":"%s","cancel_at_period_end":%s,
                 "billing_cycle_anchor":%d,"metadata":{"user_id":"%s"},
                 "items":{"object":"list","data":[{"id":"si_1","object":"subscription_item",
                   "current_period_start":%d,"current_period_end":%d,
                   "price":{"id":"%s","object":"price"}}]}}""".formatted(sub, sub, status, cancelAtPeriodEnd, start,
                user, start, end, price))));
    }

    private static String event(String id, String type, String sub) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":{\"object\":{\"id\":\""
                + sub + "\",\"object\":\"subscription\"}}}";
    }

    private static ValidatableResponse deliver(String payload, String secret, Instant signedAt) throws Exception {
        return given().contentType(ContentType.JSON).header("Stripe-Signature", signature(payload, secret, signedAt))
                .body(payload).post("/api/webhooks/stripe").then();
    }

    /** Stripe's scheme: t=timestamp, v1=HMAC-SHA256(secret, "t.payload") in hex. */
    private static String signature(String payload, String secret, Instant signedAt) throws Exception {
        long t = signedAt.getEpochSecond();
        return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + payload);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
