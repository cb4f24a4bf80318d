package com.mustbeviral.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.testsupport.ExamplePayloads;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every content.* event is published with exactly the fields of its example payload in contracts
 * (what consumers test against), through the outbox to content.events as a CloudEvent.
 */
@QuarkusTest
class ContentEventsContractTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void everyEventHasExactlyTheFieldsOfItsExample() throws Exception {
        Authors author = Authors.creator();
        // created, flagged, reviewed, updated, scheduled; then created, updated, published, archived.
        String flagged = author.create("Contact", "Write to jane.doe@example.org please.").then().statusCode(201).extract().path("id");
        Authors.moderator().as().contentType(ContentType.JSON).body("{\"decision\":\"approve\"}")
                .post("/api/moderation/" + flagged + "/decision").then().statusCode(200);
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"seo_title\":\"Contact us\"}")
                .patch("/api/content/" + flagged).then().statusCode(200);
        author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + Instant.now().plusSeconds(3600) + "\"}")
                .post("/api/content/" + flagged + "/schedule").then().statusCode(200);
        String published = author.published("Live");
        author.as().post("/api/content/" + published + "/archive").then().statusCode(200);

        List<Outboxed.Event> events = new ArrayList<>(Outboxed.of(dataSource, flagged));
        events.addAll(Outboxed.of(dataSource, published));
        TreeSet<String> types = new TreeSet<>();
        for (Outboxed.Event event : events) {
            assertEquals(fields(json.readTree(ExamplePayloads.of(event.type()))), fields(json.readTree(event.payload())),
                    event.type());
            types.add(event.type());
        }
        assertEquals(new TreeSet<>(List.of("content.archived", "content.created", "content.flagged", "content.published",
                "content.reviewed", "content.scheduled", "content.updated")), types);

        // The relay publishes them to content.events, keyed by the content id, as CloudEvents.
        ConsumerRecord<String, String> archived = await(published, "content.archived");
        assertEquals(published, json.readTree(archived.value()).get("content_id").asText());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    private static ConsumerRecord<String, String> await(String key, String type) {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Map<String, Object> props = Map.of("bootstrap.servers", servers, "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CONTENT_EVENTS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    var header = r.headers().lastHeader("ce_type");
                    if (key.equals(r.key()) && header != null && type.equals(new String(header.value(), StandardCharsets.UTF_8))) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError(type + " for " + key + " never reached " + Topics.CONTENT_EVENTS);
    }
}
