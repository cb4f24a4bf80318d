package com.mustbeviral.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka records as the services' outbox relays publish them: CloudEvents in binary mode (the
 * attributes in {@code ce_*} headers, the JSON payload as the value), keyed by the subject.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /** An event of {@code type} from auth-service with a fresh id. */
    public static ProducerRecord<String, String> of(String topic, String type, String subject, String payloadJson) {
        return of(topic, UUID.randomUUID().toString(), type, subject, payloadJson);
    }

    public static ProducerRecord<String, String> of(String topic, String eventId, String type, String subject,
            String payloadJson) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject, payloadJson);
        Map<String, String> headers = Map.of(
                "ce_specversion", "1.0",
                "ce_id", eventId,
                "ce_type", type,
                "ce_source", "urn:mustbeviral:auth-service",
                "ce_subject", subject,
                "ce_time", "2026-11-25T12:00:00Z",
                "content-type", "application/json");
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
