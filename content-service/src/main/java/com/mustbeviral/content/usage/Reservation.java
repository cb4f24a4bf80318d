package com.mustbeviral.content.usage;

import java.time.Instant;
import java.util.UUID;

/**
 * One unit of a feature held for a user while the action runs: {@link UsageMeter#commit} counts it,
 * {@link UsageMeter#release} gives it back. {@code id} becomes the event id of the
 * {@code usage.incremented} it leads to (billing's idempotency key).
 */
public record Reservation(UUID id, UUID userId, Feature feature, String plan, Instant periodStart, Instant periodEnd,
        Instant expiresAt) {
}
