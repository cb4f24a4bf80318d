package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code user.account-linked} on {@code auth.users}: a social account (provider
 * {@code google}, {@code github} or {@code twitter}) now logs in to this user. {@code method} says
 * why it was linked: {@code sign_up} (the account was created by this social login),
 * {@code verified_email} (the provider vouched for the email of an existing account) or
 * {@code explicit} (the logged-in user linked it). The email stays in auth, as for
 * {@code user.registered}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountLinked(UUID userId, String provider, String providerUserId, String method, Instant linkedAt) {
    public static final String TYPE = "user.account-linked";

    public static final String METHOD_SIGN_UP = "sign_up";
    public static final String METHOD_VERIFIED_EMAIL = "verified_email";
    public static final String METHOD_EXPLICIT = "explicit";
}
