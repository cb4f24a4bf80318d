package com.mustbeviral.analytics;

import static com.mustbeviral.analytics.Pipeline.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.analytics.service.RollupCheck;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.analytics.EngagementRecorded;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** analytics.raw into the rollups: exact under redelivery, a failing batch rolled back whole, checked against the raw events. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class AggregatorTest {

    private static final String ANALYTICS = "urn:mustbeviral:analytics-service";

    @Inject
    RollupCheck check;

    @Test
    void rollupsCountEveryEventOnceByTypeSourceDeviceAndCountryAndMatchTheirRawEvents() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(event(content, i % 3 == 0 ? "share" : "view"));
        }
        Map<String, Object> fromSearch = event(content, "click");
        fromSearch.put("attribution", Map.of("referrer", "https://www.google.com/search?q=x"));
        fromSearch.put("user_context", Map.of());
        events.add(fromSearch);
        Pipeline.send(events).statusCode(202);
        Pipeline.awaitStored(content, 31);

        assertEquals(20, Pipeline.dailyViews(content));
        assertEquals(20, Pipeline.count("SELECT sum(views) FROM rollups WHERE content_id = ? AND granularity = 'hour'", content));
        assertEquals(10, Pipeline.count("SELECT sum(shares) FROM rollups WHERE content_id = ? AND granularity = 'day'"
                + " AND source = 'newsletter' AND device = 'mobile' AND country = 'DE'", content));
        // No source named: the referrer's host; no device named: the User-Agent's.
        assertEquals(1, Pipeline.count("SELECT sum(clicks) FROM rollups WHERE content_id = ? AND granularity = 'day'"
                + " AND source = 'google.com' AND device = 'mobile' AND country = 'unknown'", content));
        assertEquals(20, Pipeline.count("SELECT views FROM content_stats WHERE content_id = ?", content));
        assertEquals(List.of(), check.check(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now()));
    }

    @Test
    void aRedeliveredRecordChangesNoNumber() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        ProducerRecord<String, String> record = raw(content, UUID.randomUUID().toString(), "view");
        CloudEventRecords.send(record, record, record);
        Pipeline.awaitStored(content, 1);
        // A later event of the same content has passed the copies: they were all seen.
        CloudEventRecords.send(raw(content, UUID.randomUUID().toString(), "like"), record);
        Pipeline.awaitStored(content, 2);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Pipeline.count(
                "SELECT likes FROM content_stats WHERE content_id = ?", content) == 1);
        assertEquals(1, Pipeline.dailyViews(content));
        assertEquals(1, Pipeline.count("SELECT count(*) FROM visitors WHERE content_id = ? AND granularity = 'day'", content));
    }

    @Test
    void aBatchThatFailsMidwayChangesNothingAndOnlyTheBadEventIsDeadLettered() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        String badId = UUID.randomUUID().toString();
        ProducerRecord<String, String> bad = raw(content, badId, "teleport");
        CloudEventRecords.send(raw(content, UUID.randomUUID().toString(), "view"), bad,
                raw(content, UUID.randomUUID().toString(), "view"));

        DeadLetterTopic.awaitLetter(Topics.ANALYTICS_RAW, DeadLetterTopic.withValue(bad.value()));
        Pipeline.awaitStored(content, 2);
        assertEquals(2, Pipeline.dailyViews(content));
        assertEquals(0, Pipeline.count("SELECT count(*) FROM raw_events WHERE id = unhex(replace(?, '-', ''))", badId));
        assertTrue(check.check(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now()).isEmpty());
    }

    /** A record as ingestion publishes it: the contract's example, about {@code content}, with its own id. */
    static ProducerRecord<String, String> raw(String content, String id, String type) {
        String payload = ExamplePayloads.of(EngagementRecorded.TYPE).replace(Pipeline.EXAMPLE_CONTENT, content)
                .replace("3c0e9d5a-1f2b-4c7d-8e9f-0a1b2c3d4e5f", id).replace("\"view\"", "\"" + type + "\"")
                .replace("2026-11-27T08:15:00Z", Instant.now().minusSeconds(60).toString());
        return CloudEventRecords.of(ANALYTICS, Topics.ANALYTICS_RAW, content, id, EngagementRecorded.TYPE, content, payload);
    }
}
