package com.mustbeviral.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Request quotas from billing's entitlements.updated, through a real broker into a real Redis: a user's
 * own quota counts at once (before their token carries the new plan), a plan's quota reaches users
 * billing has not spoken about, a late older decision changes nothing. Plans here have names of their
 * own, so that what billing "says" in this class reaches no other test's plans.
 */
@QuarkusTest
// Not RedisFallbackTest's StoppableRedis: its production 50 ms timeout sends decisions in-process on a
// loaded machine, and the in-process limiter knows plans' quotas, not users' own (README, "Rate limits").
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(EventChannelsOn.class)
class BillingQuotasTest {

    private static final Instant PERIOD = Instant.parse("2026-11-25T00:00:00Z");

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aUsersQuotaFromBillingCountsBeforeTheirTokenCarriesTheNewPlan() throws Exception {
        TestTokens user = TestTokens.user().claim("plan", "free");
        String id = user.claimValue("sub");

        publish(decision(id, plan(), 1, PERIOD, PERIOD.plusSeconds(60)));
        awaitQuota(id, "1");

        given().header("Authorization", user.asBearer()).get("/api/content/1").then().statusCode(200)
                .header("X-RateLimit-Limit", equalTo("1"))
                .header("RateLimit-Policy", equalTo("\"free\";q=1;w=60"));
        given().header("Authorization", user.asBearer()).get("/api/content/1").then().statusCode(429);
    }

    @Test
    void aPlansQuotaFromBillingReachesUsersBillingHasNotSpokenAbout() throws Exception {
        String plan = plan();
        // Before billing speaks, an unknown plan claim draws on the configured default plan's quota.
        TestTokens other = TestTokens.user().claim("plan", plan);
        given().header("Authorization", other.asBearer()).get("/api/content/1").then()
                .header("X-RateLimit-Limit", equalTo("120"));
        String someone = UUID.randomUUID().toString();

        publish(decision(someone, plan, 5, PERIOD, PERIOD.plusSeconds(60)));
        awaitQuota(someone, "5");

        TestTokens user = TestTokens.user().claim("plan", plan);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", user.asBearer())
                .get("/api/content/1").then().header("RateLimit-Policy", equalTo("\"" + plan + "\";q=5;w=60")));
    }

    @Test
    void anOlderDecisionArrivingLateDoesNotChangeTheQuota() throws Exception {
        String id = UUID.randomUUID().toString();

        publish(decision(id, plan(), 9, PERIOD, PERIOD.plusSeconds(120)));
        awaitQuota(id, "9");
        publish(decision(id, plan(), 4, PERIOD, PERIOD.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(this::gatewayConsumedEverything);

        assertEquals("9", quota(id));
        TestTokens user = TestTokens.user().claim("sub", id).claim("plan", "free");
        given().header("Authorization", user.asBearer()).get("/api/content/1").then()
                .header("X-RateLimit-Limit", equalTo("9"));
    }

    @Test
    void aDecisionOfALaterPeriodReplacesTheQuota() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant next = PERIOD.plus(Duration.ofDays(30));

        publish(decision(id, plan(), 9, PERIOD, PERIOD.plusSeconds(120)));
        awaitQuota(id, "9");
        publish(decision(id, plan(), 3, next, next));

        awaitQuota(id, "3");
    }

    @Test
    void aDecisionWithoutLimitsIsDeadLetteredAndTheNextOneIsLearnt() throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> withoutLimits = decision(id, plan(), 8, PERIOD, PERIOD);
        ObjectNode payload = (ObjectNode) json.readTree(withoutLimits.value());
        payload.remove("limits");
        ProducerRecord<String, String> unreadable = CloudEventRecords.of("urn:mustbeviral:billing-service",
                Topics.BILLING_EVENTS, id, UUID.randomUUID().toString(), EntitlementsUpdated.TYPE, id,
                payload.toString());

        publish(unreadable);
        publish(decision(id, plan(), 6, PERIOD, PERIOD.plusSeconds(1)));

        awaitQuota(id, "6");
        assertEquals(Optional.of("An entitlements.updated without user_id, plan, limits, period_start or period_end"),
                DeadLetterTopic.header(DeadLetterTopic.awaitLetter(Topics.BILLING_EVENTS,
                        DeadLetterTopic.withValue(unreadable.value())), DeadLetters.REASON));
    }

    @Test
    void aDecisionOfAPeriodLongOverIsNotKept() throws Exception {
        String id = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");

        publish(decision(id, plan(), 2, longAgo, longAgo));
        publish(decision(marker, plan(), 2, PERIOD, PERIOD));
        awaitQuota(marker, "2");
        await().atMost(Duration.ofSeconds(30)).until(this::gatewayConsumedEverything);

        assertFalse(redis.key().exists("gateway:quota:user:" + id), "its period ended years ago");
    }

    /** A plan name of this test's own. */
    private static String plan() {
        return "tier-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Billing's decision for {@code userId} at {@code decidedAt} (the CloudEvent time), for a 30-day period. */
    private ProducerRecord<String, String> decision(String userId, String plan, int perMinute, Instant periodStart,
            Instant decidedAt) throws Exception {
        ObjectNode payload = (ObjectNode) json.readTree(ExamplePayloads.of(EntitlementsUpdated.TYPE));
        payload.put("user_id", userId);
        payload.put("plan", plan);
        ((ObjectNode) payload.get("limits")).put("api_requests_per_minute", perMinute);
        payload.put("period_start", periodStart.toString());
        payload.put("period_end", periodStart.plus(Duration.ofDays(30)).toString());
        ProducerRecord<String, String> record = CloudEventRecords.of("urn:mustbeviral:billing-service",
                Topics.BILLING_EVENTS, userId, UUID.randomUUID().toString(), EntitlementsUpdated.TYPE, userId,
                payload.toString());
        record.headers().remove("ce_time");
        record.headers().add("ce_time", decidedAt.toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static void publish(ProducerRecord<String, String> record) throws Exception {
        CloudEventRecords.send(record);
    }

    private void awaitQuota(String userId, String perMinute) {
        await().atMost(Duration.ofSeconds(30)).until(() -> perMinute.equals(quota(userId)));
    }

    private String quota(String userId) {
        return redis.hash(String.class).hget("gateway:quota:user:" + userId, "limit");
    }

    /** The gateway's consumer group has committed offsets up to the end of billing.events. */
    private boolean gatewayConsumedEverything() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("gateway")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.BILLING_EVENTS))
                    .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return !ends.isEmpty() && ends.entrySet().stream()
                    .allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset());
        }
    }
}
