package com.mustbeviral.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads a topic's dead-letter topic ({@code <topic>.dlq}) on the test's broker. */
public final class DeadLetterTopic {

    private DeadLetterTopic() {
    }

    /** Waits (up to 30 s) until {@code <topic>.dlq} holds a record that {@code wanted} accepts, and returns it. */
    public static ConsumerRecord<String, String> awaitLetter(String topic, Predicate<ConsumerRecord<String, String>> wanted) {
        String deadLetters = topic + ".dlq";
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // One consumer for the whole wait, reading the topic from its start: no group, nothing committed.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (System.nanoTime() < deadline) {
                if (partitions.isEmpty()) {
                    partitions = consumer.partitionsFor(deadLetters, Duration.ofSeconds(1)).stream()
                            .map(p -> new TopicPartition(deadLetters, p.partition())).toList();
                    if (partitions.isEmpty()) {
                        continue; // not created yet: the first dead letter creates it
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No such record in " + deadLetters + " within 30 s");
    }

    /** A record whose value is {@code value}. */
    public static Predicate<ConsumerRecord<String, String>> withValue(String value) {
        return record -> value.equals(record.value());
    }

    /** The value of a record's last header {@code name}. */
    public static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
