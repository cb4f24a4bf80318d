package com.mustbeviral.contracts.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code reader.engaged} on {@code analytics.engagement} (key = user id): a signed-in user
 * who has not withdrawn the analytics consent engaged with one piece ({@code event_type}: view, click,
 * share, like, comment, conversion). The CloudEvent id is the client's event id. content-service keeps
 * it as the user's reading history (what recommendations start from and leave out); anonymous visitors
 * and users without the consent never appear in it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReaderEngaged(UUID userId, UUID contentId, String eventType, Instant occurredAt) {
    public static final String TYPE = "reader.engaged";
}
