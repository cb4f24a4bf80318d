package com.mustbeviral.contracts.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code usage.period-closed} on {@code billing.events}: the usage report of a period that
 * ended (its ledger per feature, under the plan it was billed on). Published once per subscription
 * and period, when the period resets.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsagePeriodClosed(UUID userId, UUID subscriptionId, String plan, Instant periodStart,
        Instant periodEnd, EntitlementsUpdated.Used used) {
    public static final String TYPE = "usage.period-closed";
}
