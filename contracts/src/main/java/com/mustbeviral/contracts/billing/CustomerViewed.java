package com.mustbeviral.contracts.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code customer.viewed} on {@code billing.events}: an admin looked at a user's
 * subscription, usage and invoices (audit-service keeps it in its trail).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CustomerViewed(UUID userId, UUID adminId, Instant viewedAt) {
    public static final String TYPE = "customer.viewed";
}
