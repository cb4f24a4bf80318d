package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code user.deleted} on {@code auth.users}: the account was soft-deleted. It can no
 * longer log in, and every session it had was revoked (each with its own {@code session.revoked}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserDeleted(UUID userId, Instant deletedAt) {
    public static final String TYPE = "user.deleted";
}
