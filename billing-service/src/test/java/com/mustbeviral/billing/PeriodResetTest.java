package com.mustbeviral.billing;

import static com.mustbeviral.billing.SubscriptionTest.as;
import static com.mustbeviral.billing.SubscriptionTest.change;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.billing.service.PeriodResets;
import com.mustbeviral.billing.service.Period;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.UsageIncremented;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Periods close on the billing anchor, once, with their usage report and the new entitlements. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class PeriodResetTest {

    @Inject
    PeriodResets resets;

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
    void aPeriodResetsOnceAndReportsItsUsage() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        change(user, "pro", false).statusCode(200);
        Instant start = Instant.parse(as(user).get("/api/billing/subscription").then().extract().path("period_start"));
        Instant end = Instant.parse(as(user).get("/api/billing/subscription").then().extract().path("period_end"));
        String marker = UUID.randomUUID().toString();
        CloudEventRecords.send(usage(UUID.randomUUID().toString(), id, new Period(start, end)),
                usage(marker, id, new Period(start, end)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> as(user)
                .get("/api/billing/usage").then().extract().path("features[0].used").equals(2));

        clock.advance(Duration.between(clock.instant(), end).plusSeconds(1));
        resets.resetDue();
        resets.resetDue(); // a second run finds nothing to do

        as(user).get("/api/billing/subscription").then().body("plan", equalTo("pro"))
                .body("period_start", equalTo(end.toString()));
        as(user).get("/api/billing/usage").then().body("features[0].used", equalTo(0));
        as(user).get("/api/billing/invoices").then().body("data", hasSize(2))
                .body("data[0].description", equalTo("Renewal of Pro"));
        List<Outboxed.Event> events = Outboxed.of(dataSource, id);
        assertEquals(List.of("subscription.changed", "entitlements.updated", "usage.period-closed",
                "entitlements.updated"), events.stream().map(Outboxed.Event::type).toList());
        JsonNode report = json.readTree(events.get(2).payload());
        assertEquals(2, report.at("/used/ai_generations").asLong());
        assertEquals(start.toString(), report.get("period_start").asText());
        JsonNode next = json.readTree(events.get(3).payload());
        assertEquals(end.toString(), next.get("period_start").asText());
    }

    @Test
    void aScheduledDowngradeAndACancellationTakeEffectAtTheEnd() throws Exception {
        TestTokens downgrading = TestTokens.user();
        TestTokens cancelling = TestTokens.user();
        change(downgrading, "business", false).statusCode(200);
        change(downgrading, "pro", false).statusCode(200);
        change(cancelling, "pro", false).statusCode(200);
        as(cancelling).post("/api/billing/subscription/cancel").then().statusCode(200);
        Instant end = Instant.parse(as(cancelling).get("/api/billing/subscription").then().extract().path("period_end"));

        clock.advance(Duration.between(clock.instant(), end).plusSeconds(1));
        resets.resetDue();

        as(downgrading).get("/api/billing/subscription").then().body("plan", equalTo("pro"))
                .body("pending_plan", equalTo(null));
        as(cancelling).get("/api/billing/subscription").then().body("plan", equalTo("free"))
                .body("cancel_at_period_end", equalTo(false));
        as(cancelling).get("/api/billing/usage").then()
                .body("features.find { it.feature == 'ai_generations' }.limit", equalTo(10));
        // The canceled user pays nothing more: one invoice, the first.
        as(cancelling).get("/api/billing/invoices").then().body("data", hasSize(1));
        List<String> types = Outboxed.types(dataSource, UUID.fromString(cancelling.claimValue("sub")));
        assertEquals("entitlements.updated", types.get(types.size() - 1));
        assertEquals("subscription.changed", types.get(types.size() - 2));
    }

    @Test
    void aServiceDownForTwoPeriodsClosesEachOnce() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        change(user, "pro", false).statusCode(200);
        clock.advance(Duration.ofDays(62));

        resets.resetDue();

        long closed = Outboxed.types(dataSource, id).stream().filter("usage.period-closed"::equals).count();
        assertEquals(2, closed);
        Instant start = Instant.parse(as(user).get("/api/billing/subscription").then().extract().path("period_start"));
        Instant end = Instant.parse(as(user).get("/api/billing/subscription").then().extract().path("period_end"));
        assertEquals(true, !clock.instant().isBefore(start) && clock.instant().isBefore(end));
    }

    static org.apache.kafka.clients.producer.ProducerRecord<String, String> usage(String eventId, UUID user,
            Period period) {
        String payload = "{\"user_id\":\"" + user + "\",\"feature\":\"ai_generations\",\"quantity\":1,"
                + "\"occurred_at\":\"" + period.start() + "\",\"period_start\":\"" + period.start()
                + "\",\"period_end\":\"" + period.end() + "\"}";
        return CloudEventRecords.of(UsageLedgerTest.CONTENT, Topics.BILLING_USAGE, user.toString(), eventId,
                UsageIncremented.TYPE, user.toString(), payload);
    }
}
