package com.mustbeviral.contracts.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code entitlements.updated} on {@code billing.events}: what a user may do from now
 * on. auth puts {@code plan} into the user's next access token; metered services enforce the
 * limits themselves (DESIGN.md, flow 3).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EntitlementsUpdated(UUID userId, String plan, Limits limits, Instant periodStart, Instant periodEnd) {
    public static final String TYPE = "entitlements.updated";

    /** Included units per period. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Limits(long aiGenerations, long publishes, long apiCalls) {
    }
}
