package com.mustbeviral.billing;

import static com.mustbeviral.billing.SubscriptionTest.as;
import static com.mustbeviral.billing.SubscriptionTest.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.billing.service.Period;
import com.mustbeviral.billing.service.PeriodResets;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every event billing publishes reaches billing.events as a CloudEvent keyed by the user, with exactly
 * the fields of its example payload in contracts (what auth, content, the gateway and audit test against).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class BillingEventsContractTest {

    @Inject
    PeriodResets resets;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void everyEventHasExactlyTheFieldsOfItsExample() throws Exception {
        TestTokens user = TestTokens.user();
        UUID id = UUID.fromString(user.claimValue("sub"));
        // usage.limit-reached (the free plan's 10), then subscription.changed and entitlements.updated,
        // then usage.period-closed at the period's end.
        Period month = Period.calendarMonth(clock.instant());
        List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> usage = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            usage.add(UsageLedgerTest.usage(UUID.randomUUID().toString(), id, "ai_generations", 1, month));
        }
        CloudEventRecords.send(usage.toArray(org.apache.kafka.clients.producer.ProducerRecord[]::new));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Outboxed.types(dataSource, id).contains("usage.limit-reached"));
        change(user, "pro", false).statusCode(200);
        Instant end = Instant.parse(as(user).get("/api/billing/subscription").then().extract().path("period_end"));
        clock.advance(Duration.between(clock.instant(), end).plusSeconds(1));
        resets.resetDue();

        for (String type : List.of("usage.limit-reached", "subscription.changed", "entitlements.updated",
                "usage.period-closed")) {
            ConsumerRecord<String, String> record = published(id.toString(), type);
            assertEquals(fields(json.readTree(ExamplePayloads.of(type))), fields(json.readTree(record.value())), type);
            assertEquals("urn:mustbeviral:billing-service", header(record, "ce_source"), type);
            // Consumers order entitlements.updated by it (a later decision wins): it must be there.
            assertNotNull(OffsetDateTime.parse(header(record, "ce_time")), type);
        }
    }

    /** Field paths of a JSON object, nested objects included. */
    private static TreeSet<String> fields(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            names.add(field.getKey());
            if (field.getValue().isObject()) {
                fields(field.getValue()).forEach(inner -> names.add(field.getKey() + "." + inner));
            }
        }
        return names;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, String> published(String key, String type) {
        Map<String, Object> props = Map.of("bootstrap.servers",
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                "group.id", "contract-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.BILLING_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && type.equals(header(r, "ce_type"))) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError(type + " for " + key + " never reached " + Topics.BILLING_EVENTS);
    }
}
