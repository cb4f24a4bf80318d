package com.mustbeviral.analytics;

import static com.mustbeviral.analytics.Pipeline.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.analytics.ReaderEngaged;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * reader.engaged on analytics.engagement: what a signed-in reader engaged with, one per piece and type
 * of a batch, in the contract's shape; nothing for anonymous visitors or once the consent is withdrawn.
 * Sent before the batch is answered, so the topic holds them when the 202 arrives.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class ReaderEngagedTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSignedInReadersBatchTellsWhatTheyEngagedWithOncePerPieceAndType() throws Exception {
        String first = Pipeline.published(Pipeline.creator());
        String second = Pipeline.published(Pipeline.creator());
        TestTokens reader = TestTokens.user();
        String readerId = reader.claimValue("sub");

        Pipeline.sendAs(reader, List.of(event(first, "view"), event(first, "like"), event(first, "view"),
                event(second, "view"))).statusCode(202);

        List<ConsumerRecord<String, String>> told = readerEventsAbout(readerId);
        Set<String> seen = new TreeSet<>();
        for (ConsumerRecord<String, String> record : told) {
            JsonNode payload = json.readTree(record.value());
            assertEquals(fieldsOf(ExamplePayloads.of(ReaderEngaged.TYPE)), fieldsOf(record.value()));
            assertEquals(readerId, payload.get("user_id").asText());
            assertEquals(readerId, record.key());
            seen.add(payload.get("content_id").asText() + " " + payload.get("event_type").asText());
        }
        assertEquals(new TreeSet<>(Set.of(first + " view", first + " like", second + " view")), seen);
        assertEquals(3, told.size());
    }

    @Test
    void anonymousVisitorsAndReadersWithoutConsentAreNeverTold() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        Pipeline.send(List.of(event(content, "view"))).statusCode(202);
        TestTokens reader = TestTokens.user();
        String readerId = reader.claimValue("sub");
        Pipeline.consentChanged(readerId, false);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Pipeline.count("SELECT count(*) FROM analytics_opt_outs WHERE user_id = ?", readerId) == 1);

        Pipeline.sendAs(reader, List.of(event(content, "like"))).statusCode(202);

        assertTrue(readerEventsAbout(readerId).isEmpty());
        for (ConsumerRecord<String, String> record : allReaderEvents()) {
            assertTrue(!record.value().contains(content), "no reader was told of " + content + ": " + record.value());
        }
    }

    private List<ConsumerRecord<String, String>> readerEventsAbout(String userId) {
        List<ConsumerRecord<String, String>> about = new ArrayList<>();
        for (ConsumerRecord<String, String> record : allReaderEvents()) {
            if (userId.equals(record.key())) {
                about.add(record);
            }
        }
        return about;
    }

    /** Every reader.engaged on the topic now: read from the start to the end offsets of this moment. */
    private static List<ConsumerRecord<String, String>> allReaderEvents() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANALYTICS_ENGAGEMENT, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(Topics.ANALYTICS_ENGAGEMENT, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (DeadLetterTopic.header(record, "ce_type").orElse("").equals(ReaderEngaged.TYPE)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private Set<String> fieldsOf(String payload) throws Exception {
        Set<String> fields = new TreeSet<>();
        json.readTree(payload).fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
