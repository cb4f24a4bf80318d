package com.mustbeviral.audit;

import java.time.Instant;

/** One link of the audit chain. */
public record AuditRecord(long seq, String eventId, String eventType, String source, String subject,
        Instant occurredAt, Instant recordedAt, String payload, String prevHash, String hash) {
}
