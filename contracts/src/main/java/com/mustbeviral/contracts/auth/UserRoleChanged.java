package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code user.role-changed} on {@code auth.users}: an admin ({@code actorId}) changed a
 * user's role. Access tokens issued before carry the old role until they expire; the next refresh
 * carries the new one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserRoleChanged(UUID userId, UUID actorId, String oldRole, String newRole, Instant changedAt) {
    public static final String TYPE = "user.role-changed";
}
