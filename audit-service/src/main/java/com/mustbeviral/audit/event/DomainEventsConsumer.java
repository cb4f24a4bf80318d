package com.mustbeviral.audit.event;

import com.mustbeviral.audit.ReceivedEvent;
import com.mustbeviral.audit.service.AuditTrail;
import com.mustbeviral.audit.service.SessionRevocations;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
 * of the database; a redelivered batch changes nothing (idempotent by event id). The same
 * transaction learns the batch's session revocations ({@link SessionRevocations}).
 */
@ApplicationScoped
public class DomainEventsConsumer {

    private final AuditTrail trail;
    private final SessionRevocations revocations;

    DomainEventsConsumer(AuditTrail trail, SessionRevocations revocations) {
        this.trail = trail;
        this.revocations = revocations;
    }

    @Incoming("domain-events")
    @Blocking
    @Transactional(rollbackOn = Exception.class)
    public void consume(ConsumerRecords<String, String> records) throws SQLException {
        List<ReceivedEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            events.add(CloudEventRecord.read(record));
        }
        trail.recordAll(events);
        revocations.learnFrom(events);
    }
}
