package com.mustbeviral.contracts.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code subscription.changed} on {@code billing.events}: a user's subscription moved
 * (an upgrade, a downgrade taking effect, a cancellation or resumption, a renewal).
 * {@code previous_plan} is null for a new subscription; {@code pending_plan} is the plan that
 * starts at {@code period_end} when a downgrade waits for it (null otherwise).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionChanged(UUID userId, UUID subscriptionId, String plan, String previousPlan, String status,
        boolean cancelAtPeriodEnd, String pendingPlan, Instant periodStart, Instant periodEnd, String reason) {
    public static final String TYPE = "subscription.changed";
}
