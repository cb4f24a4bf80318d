package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code session.revoked} on {@code auth.sessions}. Access tokens carrying this
 * session's id ({@code sid}) must be refused until {@code accessTokensExpireBy}, after which none
 * of them is valid anyway.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionRevoked(UUID sessionId, UUID userId, String reason, Instant revokedAt,
        Instant accessTokensExpireBy) {
    public static final String TYPE = "session.revoked";
}
