package com.mustbeviral.audit.event;

import com.mustbeviral.audit.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads a binary-mode CloudEvent (attributes in {@code ce_*} headers) from a Kafka record. */
final class CloudEventRecord {

    /** Type given to a record that is not a CloudEvent: it is still kept, never dropped. */
    static final String NOT_A_CLOUD_EVENT = "audit.not-a-cloud-event";

    private CloudEventRecord() {
    }

    static ReceivedEvent read(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        String source = header(record, "ce_source");
        if (id == null || type == null || source == null) {
            // A producer bug: keep the record, under an id that a redelivery reproduces.
            String position = record.topic() + "/" + record.partition() + "/" + record.offset();
            return new ReceivedEvent("kafka:" + position, NOT_A_CLOUD_EVENT, "kafka:" + record.topic(), record.key(),
                    Instant.ofEpochMilli(record.timestamp()), record.value() == null ? "null" : record.value());
        }
        return new ReceivedEvent(id, type, source, header(record, "ce_subject"), time(record), record.value());
    }

    private static Instant time(ConsumerRecord<String, String> record) {
        String time = header(record, "ce_time");
        if (time != null) {
            try {
                return OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException ignored) {
                // fall back to the broker's timestamp
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
