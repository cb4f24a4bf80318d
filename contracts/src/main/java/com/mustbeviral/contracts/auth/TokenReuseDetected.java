package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code token.reuse-detected} on {@code auth.sessions}: a rotated refresh token was
 * presented again, so its whole family (one login) was revoked. A {@code session.revoked} follows.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenReuseDetected(UUID sessionId, UUID userId, String tokenFamily, Instant detectedAt) {
    public static final String TYPE = "token.reuse-detected";
}
