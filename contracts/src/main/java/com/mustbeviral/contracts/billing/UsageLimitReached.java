package com.mustbeviral.contracts.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code usage.limit-reached} on {@code billing.events}: the ledger reached the plan's
 * limit of a feature in a period (once per user, feature and period; e.g. for an upgrade mail).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageLimitReached(UUID userId, String plan, String feature, long limit, long used, Instant periodStart,
        Instant periodEnd) {
    public static final String TYPE = "usage.limit-reached";
}
