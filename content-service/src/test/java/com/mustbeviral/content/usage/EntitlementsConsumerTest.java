package com.mustbeviral.content.usage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** entitlements.updated from billing.events, through the platform's consumer policy, on the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class EntitlementsConsumerTest {

    @Inject
    UsageMeter meter;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Test
    void theExamplesLimitsApplyOnceConsumed() throws Exception {
        UUID user = UUID.randomUUID();
        ObjectNode payload = example(user);
        assertEquals("free", meter.usage(user, Feature.AI_GENERATIONS).plan());

        CloudEventRecords.send(billing(UUID.randomUUID().toString(), user, payload, "2026-11-25T12:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "pro".equals(meter.usage(user, Feature.AI_GENERATIONS).plan()));
        assertEquals(200, meter.usage(user, Feature.AI_GENERATIONS).limit());
        assertEquals(500, meter.usage(user, Feature.PUBLISHES).limit());
    }

    @Test
    void anOlderPeriodArrivingLateChangesNothing() throws Exception {
        UUID user = UUID.randomUUID();
        Instant start = clock.instant().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String older = UUID.randomUUID().toString();

        CloudEventRecords.send(
                billing(UUID.randomUUID().toString(), user, period(example(user), start, 50), "2026-12-01T00:00:00Z"),
                billing(older, user, period(example(user), start.minus(30, ChronoUnit.DAYS), 200),
                        "2026-12-02T00:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).until(() -> processed(older));
        assertEquals(50, meter.usage(user, Feature.AI_GENERATIONS).limit());
        assertEquals(start, meter.usage(user, Feature.AI_GENERATIONS).periodStart());
    }

    @Test
    void withinOnePeriodTheLaterDecisionWinsWhateverTheArrivalOrder() throws Exception {
        UUID user = UUID.randomUUID();
        Instant start = clock.instant().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String earlierDecision = UUID.randomUUID().toString();

        CloudEventRecords.send(
                billing(UUID.randomUUID().toString(), user, period(example(user), start, 7), "2026-12-03T10:00:00Z"),
                billing(earlierDecision, user, period(example(user), start, 9), "2026-12-03T09:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).until(() -> processed(earlierDecision));
        assertEquals(7, meter.usage(user, Feature.AI_GENERATIONS).limit());
    }

    @Test
    void aRedeliveredEventIsAppliedOnceEvenIfItsPayloadDiffers() throws Exception {
        UUID user = UUID.randomUUID();
        Instant start = clock.instant().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String id = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();

        // The second record has the first's id: whatever it says, it was handled already.
        CloudEventRecords.send(billing(id, user, period(example(user), start, 4), "2026-12-03T10:00:00Z"),
                billing(id, user, period(example(user), start.plus(1, ChronoUnit.HOURS), 40), "2026-12-03T11:00:00Z"),
                billing(marker, UUID.randomUUID(), example(UUID.randomUUID()), "2026-12-03T12:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).until(() -> processed(marker));
        assertEquals(4, meter.usage(user, Feature.AI_GENERATIONS).limit());
    }

    @Test
    void entitlementsWhosePeriodEndsBeforeItStartsAreDeadLettered() throws Exception {
        UUID user = UUID.randomUUID();
        ObjectNode payload = example(user);
        payload.put("period_end", "2026-11-01T00:00:00Z");
        String id = UUID.randomUUID().toString();

        CloudEventRecords.send(billing(id, user, payload, "2026-12-03T10:00:00Z"));

        var letter = DeadLetterTopic.awaitLetter(Topics.BILLING_EVENTS,
                record -> id.equals(DeadLetterTopic.header(record, "ce_id").orElse(null)));
        assertTrue(DeadLetterTopic.header(letter, "dead-letter-reason").orElse("").contains("period"));
        assertEquals("free", meter.usage(user, Feature.AI_GENERATIONS).plan());
    }

    private ObjectNode example(UUID user) throws Exception {
        ObjectNode payload = (ObjectNode) json.readTree(ExamplePayloads.of(EntitlementsUpdated.TYPE));
        payload.put("user_id", user.toString());
        return payload;
    }

    private static ObjectNode period(ObjectNode payload, Instant start, long aiGenerations) {
        payload.put("period_start", start.toString());
        payload.put("period_end", start.plus(30, ChronoUnit.DAYS).toString());
        ((ObjectNode) payload.get("limits")).put("ai_generations", aiGenerations);
        return payload;
    }

    private static ProducerRecord<String, String> billing(String eventId, UUID user, ObjectNode payload, String time) {
        ProducerRecord<String, String> record = CloudEventRecords.of("urn:mustbeviral:billing-service",
                Topics.BILLING_EVENTS, user.toString(), eventId, EntitlementsUpdated.TYPE, user.toString(),
                payload.toString());
        record.headers().remove("ce_time");
        record.headers().add("ce_time", time.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private boolean processed(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
