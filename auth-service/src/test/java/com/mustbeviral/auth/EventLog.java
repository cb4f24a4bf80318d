package com.mustbeviral.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Everything published under one key, in order. Records of one key keep their commit order, so once
 * a later marker event is seen, every earlier event of that key is seen too: that is how a test
 * shows that something was not published.
 */
final class EventLog {

    private EventLog() {
    }

    /** The records on {@code topic} with this key up to and including the first {@code last} accepts. */
    static List<ConsumerRecord<String, String>> until(String topic, String key,
            Predicate<ConsumerRecord<String, String>> last) {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Map<String, Object> props = Map.of("bootstrap.servers", servers, "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        seen.add(r);
                        if (last.test(r)) {
                            return seen;
                        }
                    }
                }
            }
        }
        throw new AssertionError("The marker event for key " + key + " never came on " + topic + "; saw " + seen.size());
    }

    /** The records of one CloudEvents type among {@code records}. */
    static List<ConsumerRecord<String, String>> ofType(List<ConsumerRecord<String, String>> records, String type) {
        return records.stream().filter(r -> type.equals(PublishedEvents.header(r, "ce_type"))).toList();
    }
}
