package com.mustbeviral.contracts.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code usage.incremented} on {@code billing.usage}: a metered service counted
 * {@code quantity} units of {@code feature} for a user (DESIGN.md, flow 3). The CloudEvent id is the
 * idempotency key (one per counted action: billing counts an id once however often it arrives).
 * {@code feature} is a key of {@link EntitlementsUpdated.Limits} ({@code ai_generations},
 * {@code publishes}); {@code period_start} / {@code period_end} name the entitlement period the unit
 * was counted in, so that billing books it in the same period the service enforced.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageIncremented(UUID userId, String feature, long quantity, Instant occurredAt, Instant periodStart,
        Instant periodEnd) {
    public static final String TYPE = "usage.incremented";

    public static final String AI_GENERATIONS = "ai_generations";
    public static final String PUBLISHES = "publishes";
}
