package com.mustbeviral.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.billing.service.Period;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.UsageIncremented;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** usage.incremented from billing.usage into the ledger, on the real broker: each event id counts once. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class UsageLedgerTest {

    static final String CONTENT = "urn:mustbeviral:content-service";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Test
    void eachEventIdIsCountedOnceHoweverOftenItArrives() throws Exception {
        TestTokens token = TestTokens.user();
        UUID user = UUID.fromString(token.claimValue("sub"));
        Period month = Period.calendarMonth(clock.instant());
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        CloudEventRecords.send(usage(first, user, "ai_generations", 1, month), usage(first, user, "ai_generations", 1, month),
                usage(second, user, "ai_generations", 1, month), usage(first, user, "ai_generations", 1, month));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(second));
        // A replay of the first id later changes nothing either.
        String marker = UUID.randomUUID().toString();
        CloudEventRecords.send(usage(first, user, "ai_generations", 1, month), usage(marker, user, "publishes", 3, month));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(marker));

        assertEquals(2, used(user, "ai_generations"));
        given().header("Authorization", token.asBearer()).get("/api/billing/usage").then().statusCode(200)
                .body("plan", equalTo("free"))
                .body("period_start", equalTo(month.start().toString()))
                .body("features.find { it.feature == 'ai_generations' }.used", equalTo(2))
                .body("features.find { it.feature == 'ai_generations' }.limit", equalTo(10))
                .body("features.find { it.feature == 'ai_generations' }.remaining", equalTo(8))
                .body("features.find { it.feature == 'publishes' }.used", equalTo(3));
    }

    @Test
    void manyEventsAreCountedExactly() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            records.add(usage(id, user, "publishes", 1, month));
        }
        for (int i = 0; i < 100; i++) {
            records.add(usage(ids.get(i * 5), user, "publishes", 1, month)); // redeliveries
        }
        CloudEventRecords.send(records.toArray(ProducerRecord[]::new));

        await().atMost(Duration.ofSeconds(30)).until(() -> used(user, "publishes") == 500);
        String marker = UUID.randomUUID().toString();
        CloudEventRecords.send(usage(marker, user, "publishes", 1, month));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(marker));
        assertEquals(501, used(user, "publishes"));
    }

    @Test
    void reachingTheLimitIsAnnouncedOncePerPeriod() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(usage(UUID.randomUUID().toString(), user, "ai_generations", 1, month));
        }
        CloudEventRecords.send(records.toArray(ProducerRecord[]::new));

        await().atMost(Duration.ofSeconds(20)).until(() -> used(user, "ai_generations") == 12);
        List<Outboxed.Event> events = Outboxed.of(dataSource, user);
        assertEquals(List.of("usage.limit-reached"), events.stream().map(Outboxed.Event::type).toList());
        assertTrue(events.get(0).payload().contains("\"used\":10"), events.get(0).payload());
    }

    @Test
    void aRecordOfAnUnknownFeatureIsDeadLetteredAndNothingIsCounted() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        String bad = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();

        CloudEventRecords.send(usage(bad, user, "teleports", 1, month), usage(good, user, "publishes", 1, month));

        var letter = DeadLetterTopic.awaitLetter(Topics.BILLING_USAGE,
                record -> bad.equals(DeadLetterTopic.header(record, "ce_id").orElse(null)));
        assertTrue(DeadLetterTopic.header(letter, "dead-letter-reason").orElse("").contains("teleports"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(good));
        assertEquals(1, used(user, "publishes"));
        assertTrue(!processed(bad));
    }

    @Test
    void aNegativeQuantityIsDeadLettered() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        String bad = UUID.randomUUID().toString();

        CloudEventRecords.send(usage(bad, user, "publishes", -5, month));

        var letter = DeadLetterTopic.awaitLetter(Topics.BILLING_USAGE,
                record -> bad.equals(DeadLetterTopic.header(record, "ce_id").orElse(null)));
        assertTrue(DeadLetterTopic.header(letter, "dead-letter-reason").orElse("").contains("quantity"));
        assertEquals(0, used(user, "publishes"));
    }

    @Test
    void usageNeedsAToken() {
        com.mustbeviral.testsupport.Problems.assertProblem(given().get("/api/billing/usage").then(), 401);
    }

    @Test
    void aPartnerClientHasNoUsageOfItsOwn() {
        com.mustbeviral.testsupport.Problems.assertProblem(given()
                .header("Authorization", TestTokens.partner("client-1", "content:read").asBearer())
                .get("/api/billing/usage").then(), 403);
    }

    static ProducerRecord<String, String> usage(String id, UUID user, String feature, long quantity, Period period) {
        String payload = "{\"user_id\":\"" + user + "\",\"feature\":\"" + feature + "\",\"quantity\":" + quantity
                + ",\"occurred_at\":\"" + period.start() + "\",\"period_start\":\"" + period.start()
                + "\",\"period_end\":\"" + period.end() + "\"}";
        return CloudEventRecords.of(CONTENT, Topics.BILLING_USAGE, user.toString(), id, UsageIncremented.TYPE,
                user.toString(), payload);
    }

    boolean processed(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    long used(UUID user, String feature) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(used), 0) FROM usage_counters WHERE user_id = ? AND feature = ?")) {
            ps.setString(1, user.toString());
            ps.setString(2, feature);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
