package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** Payload of {@code user.account-unlinked} on {@code auth.users}: a social account no longer logs in to this user. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountUnlinked(UUID userId, String provider, String providerUserId, Instant unlinkedAt) {
    public static final String TYPE = "user.account-unlinked";
}
