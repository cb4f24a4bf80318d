package com.mustbeviral.platform.outbox;

import java.time.Instant;

/** An outbox row not yet acknowledged by Kafka. */
public record PendingEvent(long position, String eventId, String topic, String type, String subject, String payload,
        Instant occurredAt) {
}
