package com.mustbeviral.auth.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Where the domain writes the events it publishes. Only inside the transaction of the change
 * itself: the event exists if and only if the change committed.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final ObjectMapper json;
    private final Event<OutboxAppended> appended;

    Outbox(OutboxRepository repository, ObjectMapper json, Event<OutboxAppended> appended) {
        this.repository = repository;
        this.json = json;
        this.appended = appended;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String type, String subject, Object payload, Instant occurredAt) {
        String eventId = UUID.randomUUID().toString();
        try {
            repository.insert(new PendingEvent(0, eventId, topic, type, subject, json.writeValueAsString(payload),
                    occurredAt));
        } catch (JsonProcessingException | SQLException e) {
            throw new IllegalStateException("Could not write " + type + " to the outbox", e);
        }
        appended.fire(new OutboxAppended(eventId));
    }
}
