package com.mustbeviral.analytics;

import java.time.Instant;
import java.util.UUID;

/** One engagement event as a client reported it. */
public record EngagementEvent(UUID id, EventType type, UUID contentId, String sessionId, String properties,
        Instant occurredAt) {
}
