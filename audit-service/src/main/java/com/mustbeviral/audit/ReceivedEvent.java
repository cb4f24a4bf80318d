package com.mustbeviral.audit;

import java.time.Instant;

/** A domain event of any service as audit receives it: CloudEvents attributes and the JSON payload. */
public record ReceivedEvent(String id, String type, String source, String subject, Instant time, String payload) {
}
