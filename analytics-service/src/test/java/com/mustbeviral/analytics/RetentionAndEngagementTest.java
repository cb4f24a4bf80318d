package com.mustbeviral.analytics;

import static com.mustbeviral.analytics.Pipeline.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.analytics.service.EngagementPublisher;
import com.mustbeviral.analytics.service.Retention;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.analytics.EngagementDelta;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw events purged after the retention with the rollups kept; engagement deltas published once, negative after an erasure. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class RetentionAndEngagementTest {

    @Inject
    Retention retention;

    @Inject
    EngagementPublisher engagement;

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper json;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void rawEventsOlderThanTheRetentionArePurgedAndTheRollupsKept() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        Pipeline.send(List.of(event(content, "view"), event(content, "view"))).statusCode(202);
        Pipeline.awaitStored(content, 2);

        clock.advance(Duration.ofDays(89));
        retention.purge();
        assertEquals(2, Pipeline.count("SELECT count(*) FROM raw_events WHERE content_id = ?", content));

        clock.advance(Duration.ofDays(2));
        assertTrue(retention.purge() >= 2);
        assertEquals(0, Pipeline.count("SELECT count(*) FROM raw_events WHERE content_id = ?", content));
        assertEquals(2, Pipeline.dailyViews(content));
        assertEquals(2, Pipeline.count("SELECT views FROM content_stats WHERE content_id = ?", content));
    }

    @Test
    void engagementDeltasArePublishedOnceAndAnErasureMakesANegativeOne() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        var reader = com.mustbeviral.testsupport.TestTokens.user();
        Pipeline.sendAs(reader, List.of(event(content, "view"), event(content, "like"))).statusCode(202);
        Pipeline.send(List.of(event(content, "view"), event(content, "share"))).statusCode(202);
        Pipeline.awaitStored(content, 4);

        engagement.publish();
        engagement.publish(); // nothing moved since: nothing more to say
        Pipeline.userDeleted(reader.claimValue("sub"));
        Pipeline.awaitStored(content, 2);
        engagement.publish();

        List<JsonNode> deltas = deltasOf(content, 2);
        assertEquals(2, deltas.get(0).get("views").asLong());
        assertEquals(1, deltas.get(0).get("likes").asLong());
        assertEquals(1, deltas.get(0).get("shares").asLong());
        assertEquals(-1, deltas.get(1).get("views").asLong());
        assertEquals(-1, deltas.get(1).get("likes").asLong());
        assertEquals(0, deltas.get(1).get("shares").asLong());
    }

    /** Waits for {@code n} engagement.delta records about {@code content} on analytics.engagement, in order. */
    private List<JsonNode> deltasOf(String content, int n) throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<JsonNode> deltas = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ANALYTICS_ENGAGEMENT));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String type = new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    if (content.equals(record.key()) && EngagementDelta.TYPE.equals(type)) {
                        deltas.add(json.readTree(record.value()));
                    }
                }
                return deltas.size() >= n;
            });
        }
        assertEquals(n, deltas.size());
        return deltas;
    }
}
