package com.mustbeviral.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka records as the services' outbox relays publish them: CloudEvents in binary mode (the
 * attributes in {@code ce_*} headers, the JSON payload as the value), and a way to send them to the
 * running test's broker.
 */
public final class CloudEventRecords {

    public static final String AUTH_SERVICE = "urn:mustbeviral:auth-service";

    private CloudEventRecords() {
    }

    /** An event of {@code type} from auth-service with a fresh id, keyed by its subject. */
    public static ProducerRecord<String, String> of(String topic, String type, String subject, String payloadJson) {
        return of(topic, UUID.randomUUID().toString(), type, subject, payloadJson);
    }

    /** An event from auth-service, keyed by its subject. */
    public static ProducerRecord<String, String> of(String topic, String eventId, String type, String subject,
            String payloadJson) {
        return of(AUTH_SERVICE, topic, subject, eventId, type, subject, payloadJson);
    }

    /** An event from {@code source}, with a Kafka key of the caller's choice (its partition). */
    public static ProducerRecord<String, String> of(String source, String topic, String key, String eventId, String type,
            String subject, String payloadJson) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payloadJson);
        Map<String, String> headers = Map.of(
                "ce_specversion", "1.0",
                "ce_id", eventId,
                "ce_type", type,
                "ce_source", source,
                "ce_subject", subject,
                "ce_time", "2026-11-25T12:00:00Z",
                "content-type", "application/json");
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Sends {@code records} in order to the broker of the test's {@code kafka.bootstrap.servers}, each acknowledged. */
    @SafeVarargs
    public static void send(ProducerRecord<String, String>... records) throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get();
            }
        }
    }
}
