package com.mustbeviral.audit.event;

import com.mustbeviral.audit.ReceivedEvent;
import com.mustbeviral.audit.service.AuditTrail;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds every domain event of the fleet into the audit trail, one polled batch per transaction:
 * a single commit (and fsync) per batch is what lets the trail keep up with thousands of events a
 * second. The batch is acknowledged only after that commit, so the Kafka offset never runs ahead
 * of the database; a redelivered batch changes nothing (idempotent by event id).
 */
@ApplicationScoped
public class DomainEventsConsumer {

    private final AuditTrail trail;

    DomainEventsConsumer(AuditTrail trail) {
        this.trail = trail;
    }

    @Incoming("domain-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws SQLException {
        List<ReceivedEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            events.add(CloudEventRecord.read(record));
        }
        trail.recordAll(events);
    }
}
