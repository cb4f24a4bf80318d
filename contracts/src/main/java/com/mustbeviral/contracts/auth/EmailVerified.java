package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code user.email-verified} on {@code auth.users}: the user proved their email address
 * ({@code method}: {@code link}, the verification mail's link, or {@code password_reset}, a reset
 * link, which reached the same mailbox). No address in the payload.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmailVerified(UUID userId, String method, Instant verifiedAt) {
    public static final String TYPE = "user.email-verified";
    public static final String METHOD_LINK = "link";
    public static final String METHOD_PASSWORD_RESET = "password_reset";
}
