package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code user.updated} on {@code auth.users}: a user changed their profile. Only the
 * names of the changed fields travel ({@code display_name}, {@code metadata},
 * {@code onboarding_completed}), never their values: personal data stays in auth.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserUpdated(UUID userId, List<String> changedFields, Instant updatedAt) {
    public static final String TYPE = "user.updated";
}
