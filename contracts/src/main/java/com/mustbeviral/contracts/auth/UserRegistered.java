package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code user.registered} on {@code auth.users}: a new account exists. The email is left
 * out on purpose: personal data stays in auth, so an erasure there needs no rewrite of other stores.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserRegistered(UUID userId, String username, String displayName, String role, Instant registeredAt) {
    public static final String TYPE = "user.registered";
}
