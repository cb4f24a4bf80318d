package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** Payload of {@code session.created} on {@code auth.sessions}: a login started a session. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionCreated(UUID sessionId, UUID userId, String deviceType, Instant createdAt, Instant expiresAt) {
    public static final String TYPE = "session.created";
}
