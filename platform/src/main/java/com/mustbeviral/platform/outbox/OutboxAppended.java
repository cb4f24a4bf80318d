package com.mustbeviral.platform.outbox;

/** CDI signal that an event was written to the outbox; observed after the transaction commits. */
public record OutboxAppended(String eventId) {
}
