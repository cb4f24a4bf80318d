package com.mustbeviral.contracts.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code engagement.delta} on {@code analytics.engagement}: how much one piece's engagement
 * changed over [{@code from}, {@code to}) (a delta may be negative, e.g. an unlike). content-service adds
 * it to its denormalized counts, once per event id. Proposed by content-service (issue 14) for the
 * analytics aggregator to produce.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EngagementDelta(UUID contentId, long views, long likes, long shares, long comments, Instant from, Instant to) {
    public static final String TYPE = "engagement.delta";
}
