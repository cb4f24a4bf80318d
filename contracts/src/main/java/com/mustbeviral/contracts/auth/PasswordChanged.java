package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code user.password-changed} on {@code auth.users}: the user's password was set anew.
 * {@code method}: {@code reset} (a "forgot password" link), {@code change} (signed in, with the
 * current password) or {@code required_at_login} (a password the account had to replace, such as the
 * bootstrap admin's). {@code sessionsRevoked}: how many sessions and partner grants ended with it
 * (each also has its {@code session.revoked} on {@code auth.sessions}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PasswordChanged(UUID userId, String method, int sessionsRevoked, Instant changedAt) {
    public static final String TYPE = "user.password-changed";
    public static final String METHOD_RESET = "reset";
    public static final String METHOD_CHANGE = "change";
    public static final String METHOD_REQUIRED_AT_LOGIN = "required_at_login";
}
