package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code consent.changed} on {@code auth.users}: a user granted or withdrew consent for
 * one purpose ({@code analytics}, {@code marketing} or {@code ai_training}). One event per purpose
 * whose value changed; none when a request repeats the current value.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConsentChanged(UUID userId, String purpose, boolean granted, Instant changedAt) {
    public static final String TYPE = "consent.changed";
}
