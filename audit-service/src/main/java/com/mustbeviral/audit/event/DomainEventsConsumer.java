package com.mustbeviral.audit.event;

import com.mustbeviral.audit.service.AuditTrail;
import com.mustbeviral.platform.events.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds every domain event of the fleet into the audit trail, one polled batch per transaction:
 * a single commit (and fsync) per batch is what lets the trail keep up with thousands of events a
 * second. The batch is acknowledged only after that commit, so the Kafka offset never runs ahead
 * of the database; a redelivered batch changes nothing (idempotent by event id). A record that is
 * not a CloudEvent, or a batch that keeps failing, follows the platform's one policy: dead-lettered
 * to {@code <topic>.dlq} (a failing batch is retried one event at a time, so that only the bad
 * event goes there).
 */
@ApplicationScoped
public class DomainEventsConsumer {

    private final InboundEvents inbound;
    private final AuditTrail trail;

    DomainEventsConsumer(InboundEvents inbound, AuditTrail trail) {
        this.inbound = inbound;
        this.trail = trail;
    }

    @Incoming("domain-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        inbound.handleBatch(records, trail::recordAll);
    }
}
