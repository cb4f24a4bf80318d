package com.mustbeviral.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.platform.events.DeadLetters;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class PlanChangeTest {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aPlanChangeFromBillingShowsInTheNextAccessToken() throws Exception {
        String username = Accounts.register();
        Response login = Accounts.login(username);
        assertEquals("free", Tokens.claim(login.path("access_token"), "plan"));
        String userId = Tokens.claim(login.path("access_token"), "sub");

        publishEntitlements(UUID.randomUUID().toString(), userId, "pro");

        await().atMost(Duration.ofSeconds(20)).until(
                () -> "pro".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
        Response refreshed = Accounts.refresh(login.path("refresh_token"));
        assertEquals("pro", Tokens.claim(refreshed.path("access_token"), "plan"));
    }

    @Test
    void aRedeliveredPlanChangeIsAppliedOnce() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        String eventId = UUID.randomUUID().toString();

        publishEntitlements(eventId, userId, "business");
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "business".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
        // A later, different change, then the first one again: the redelivery must not undo the change.
        publishEntitlements(UUID.randomUUID().toString(), userId, "pro");
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "pro".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
        publishEntitlements(eventId, userId, "business");
        await().atMost(Duration.ofSeconds(30)).until(this::authConsumedEverything);

        assertEquals("pro", Tokens.claim(Accounts.login(username).path("access_token"), "plan"));
    }

    @Test
    void anOlderDecisionArrivingLateDoesNotUndoANewerOne() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        Instant period = Instant.parse("2026-11-25T00:00:00Z");

        // Billing upgraded the user at 10:00 and had them on free at 09:00; the 09:00 event comes last.
        publishEntitlements(UUID.randomUUID().toString(), userId, "pro", period, period.plus(Duration.ofHours(10)));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "pro".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
        publishEntitlements(UUID.randomUUID().toString(), userId, "free", period, period.plus(Duration.ofHours(9)));
        await().atMost(Duration.ofSeconds(30)).until(this::authConsumedEverything);

        assertEquals("pro", Tokens.claim(Accounts.login(username).path("access_token"), "plan"));
    }

    @Test
    void aDecisionOfAnEarlierPeriodArrivingLateDoesNotUndoTheNextPeriods() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        Instant period = Instant.parse("2026-11-25T00:00:00Z");
        Instant next = Instant.parse("2026-12-25T00:00:00Z");

        // The new period's decision (a downgrade that took effect) first; then, late, one of the old
        // period stamped later than it (a clock can step back; the period still orders them).
        publishEntitlements(UUID.randomUUID().toString(), userId, "free", next, next);
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "free".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
        publishEntitlements(UUID.randomUUID().toString(), userId, "business", period, next.plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(this::authConsumedEverything);

        assertEquals("free", Tokens.claim(Accounts.login(username).path("access_token"), "plan"));
    }

    @Test
    void aNewerDecisionArrivingAfterAnOlderOneIsApplied() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        Instant period = Instant.parse("2026-11-25T00:00:00Z");

        publishEntitlements(UUID.randomUUID().toString(), userId, "business", period, period.plusSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "business".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
        publishEntitlements(UUID.randomUUID().toString(), userId, "pro", period, period.plusSeconds(61));

        await().atMost(Duration.ofSeconds(20)).until(
                () -> "pro".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
    }

    @Test
    void aPlanChangeWithoutAPeriodStartIsDeadLetteredAndTheNextOneIsApplied() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        ObjectNode payload = (ObjectNode) json.readTree(ExamplePayloads.of(EntitlementsUpdated.TYPE));
        payload.put("user_id", userId);
        payload.remove("period_start");
        String withoutPeriod = payload.toString();

        publishEntitlementsPayload(UUID.randomUUID().toString(), userId, withoutPeriod);
        publishEntitlements(UUID.randomUUID().toString(), userId, "business");

        ConsumerRecord<String, String> letter = DeadLetterTopic.awaitLetter(Topics.BILLING_EVENTS,
                DeadLetterTopic.withValue(withoutPeriod));
        assertEquals(Optional.of("An entitlements.updated without period_start"),
                DeadLetterTopic.header(letter, DeadLetters.REASON));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "business".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
    }

    @Test
    void aPlanChangeThatIsNotJsonIsDeadLetteredAndTheNextOneIsApplied() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        String garbage = "not json " + UUID.randomUUID();

        // Same key, so the same partition: the good record comes after the bad one.
        publishEntitlementsPayload(UUID.randomUUID().toString(), userId, garbage);
        publishEntitlements(UUID.randomUUID().toString(), userId, "pro");

        ConsumerRecord<String, String> letter = DeadLetterTopic.awaitLetter(Topics.BILLING_EVENTS,
                DeadLetterTopic.withValue(garbage));
        assertEquals(Optional.of(Topics.BILLING_EVENTS), DeadLetterTopic.header(letter, DeadLetters.TOPIC));
        assertTrue(DeadLetterTopic.header(letter, DeadLetters.REASON).orElseThrow().contains("does not parse"),
                letter.headers().toString());
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "pro".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
    }

    @Test
    void aPlanChangeWithoutAUserIdIsDeadLetteredAndTheNextOneIsApplied() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        ObjectNode payload = (ObjectNode) json.readTree(ExamplePayloads.of(EntitlementsUpdated.TYPE));
        payload.remove("user_id");
        // A value of its own, to find this very record in the dead-letter topic.
        ((ObjectNode) payload.get("limits")).put("api_calls", Math.abs(UUID.randomUUID().getLeastSignificantBits()));
        String withoutUser = payload.toString();

        publishEntitlementsPayload(UUID.randomUUID().toString(), userId, withoutUser);
        publishEntitlements(UUID.randomUUID().toString(), userId, "business");

        ConsumerRecord<String, String> letter = DeadLetterTopic.awaitLetter(Topics.BILLING_EVENTS,
                DeadLetterTopic.withValue(withoutUser));
        assertEquals(Optional.of("An entitlements.updated without user_id or plan"),
                DeadLetterTopic.header(letter, DeadLetters.REASON));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> "business".equals(Tokens.claim(Accounts.login(username).path("access_token"), "plan")));
    }

    /** auth-service's consumer group has committed offsets up to the end of billing.events. */
    private boolean authConsumedEverything() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("auth-service")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.BILLING_EVENTS))
                    .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return !ends.isEmpty() && ends.entrySet().stream()
                    .allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset());
        }
    }

    private void publishEntitlements(String eventId, String userId, String plan) throws Exception {
        ObjectNode payload = (ObjectNode) json.readTree(ExamplePayloads.of(EntitlementsUpdated.TYPE));
        payload.put("user_id", userId);
        payload.put("plan", plan);
        publishEntitlementsPayload(eventId, userId, payload.toString());
    }

    /** Billing's decision of {@code decidedAt} (the CloudEvent time) for the period starting at {@code periodStart}. */
    private void publishEntitlements(String eventId, String userId, String plan, Instant periodStart,
            Instant decidedAt) throws Exception {
        ObjectNode payload = (ObjectNode) json.readTree(ExamplePayloads.of(EntitlementsUpdated.TYPE));
        payload.put("user_id", userId);
        payload.put("plan", plan);
        payload.put("period_start", periodStart.toString());
        payload.put("period_end", periodStart.plus(Duration.ofDays(30)).toString());
        ProducerRecord<String, String> record = entitlementsRecord(eventId, userId, payload.toString());
        record.headers().remove("ce_time");
        record.headers().add("ce_time", decidedAt.toString().getBytes(StandardCharsets.UTF_8));
        CloudEventRecords.send(record);
    }

    /** An entitlements.updated CloudEvent from billing about {@code userId}, whatever its payload. */
    private static void publishEntitlementsPayload(String eventId, String userId, String payload) throws Exception {
        CloudEventRecords.send(entitlementsRecord(eventId, userId, payload));
    }

    private static ProducerRecord<String, String> entitlementsRecord(String eventId, String userId, String payload) {
        return CloudEventRecords.of("urn:mustbeviral:billing-service", Topics.BILLING_EVENTS, userId, eventId,
                EntitlementsUpdated.TYPE, userId, payload);
    }
}
