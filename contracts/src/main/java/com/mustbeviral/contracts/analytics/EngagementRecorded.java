package com.mustbeviral.contracts.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code engagement.recorded} on {@code analytics.raw}, analytics-service's internal topic
 * (key = content id): one client event accepted by the ingestion endpoint, already judged and
 * enriched, for the aggregator to store and roll up once per {@code id} (the client's event id, also
 * the CloudEvent id). {@code user_id} is null for anonymous visitors and for users who withdrew the
 * analytics consent; {@code visitor} is what counts as one unique visitor (never a raw address).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EngagementRecorded(UUID id, String eventType, UUID contentId, UUID userId, String visitor, String source,
        String medium, String campaign, String referrer, String device, String browser, String os, String country,
        String eventValue, Instant occurredAt, Instant receivedAt) {
    public static final String TYPE = "engagement.recorded";
}
