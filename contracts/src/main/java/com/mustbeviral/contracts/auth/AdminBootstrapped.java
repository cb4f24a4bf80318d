package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code admin.bootstrapped} on {@code auth.users}: auth created the first admin from its
 * environment at start, because no admin existed. It must change its password at first login.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AdminBootstrapped(UUID userId, String username, Instant createdAt) {
    public static final String TYPE = "admin.bootstrapped";
}
