package com.mustbeviral.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a service writes the events it publishes. Only inside the transaction of the change itself:
 * the event exists if and only if the change committed; {@link OutboxRelay} publishes it after.
 */
@ApplicationScoped
@IfBuildProperty(name = "platform.outbox.enabled", stringValue = "true")
public class Outbox {

    private final OutboxRepository repository;
    private final ObjectMapper json;
    private final Event<OutboxAppended> appended;

    Outbox(OutboxRepository repository, ObjectMapper json, Event<OutboxAppended> appended) {
        this.repository = repository;
        this.json = json;
        this.appended = appended;
    }

    /**
     * Appends an event of {@code type} about {@code subject} (the Kafka key, so that one aggregate's
     * events keep their order) to be published on {@code topic}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String type, String subject, Object payload, Instant occurredAt) {
        append(UUID.randomUUID().toString(), topic, type, subject, payload, occurredAt);
    }

    /**
     * Appends an event whose id the caller chose: an idempotency key the consumer deduplicates by
     * (e.g. a usage reservation, counted once however often its commit is retried).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String eventId, String topic, String type, String subject, Object payload,
            Instant occurredAt) {
        try {
            repository.insert(new PendingEvent(0, eventId, topic, type, subject, json.writeValueAsString(payload),
                    occurredAt));
        } catch (JsonProcessingException | SQLException e) {
            throw new IllegalStateException("Could not write " + type + " to the outbox", e);
        }
        appended.fire(new OutboxAppended(eventId));
    }
}
