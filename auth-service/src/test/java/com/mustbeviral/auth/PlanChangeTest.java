package com.mustbeviral.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
        CloudEventRecords.send(CloudEventRecords.of("urn:mustbeviral:billing-service", Topics.BILLING_EVENTS, userId, eventId,
                EntitlementsUpdated.TYPE, userId, payload.toString()));
    }
}
