package com.mustbeviral.audit.event;

import com.mustbeviral.audit.ReceivedEvent;
import com.mustbeviral.audit.service.AuditTrail;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Feeds every domain event of the fleet into the audit trail. The message is acknowledged only
 * after the local transaction committed, so the Kafka offset never runs ahead of the database.
 */
@ApplicationScoped
public class DomainEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DomainEventsConsumer.class);

    private final AuditTrail trail;

    DomainEventsConsumer(AuditTrail trail) {
        this.trail = trail;
    }

    @Incoming("domain-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null) {
            // Not a CloudEvent: no id to deduplicate by. Nacked, it goes to the dead-letter topic.
            return message.nack(new IllegalArgumentException("Record without CloudEvents attributes"));
        }
        try {
            Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElseGet(Instant::now);
            boolean recorded = trail.record(new ReceivedEvent(ce.getId(), ce.getType(), ce.getSource().toString(),
                    ce.getSubject().orElse(null), time, message.getPayload()));
            if (!recorded) {
                LOG.debugf("Event %s was already recorded; redelivery ignored", ce.getId());
            }
            return message.ack();
        } catch (Exception e) {
            return message.nack(e);
        }
    }
}
