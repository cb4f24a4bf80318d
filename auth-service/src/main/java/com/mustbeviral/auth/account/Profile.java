package com.mustbeviral.auth.account;

import java.time.Instant;
import java.util.UUID;

/** A live account with what its owner may edit; {@code metadata} is a JSON object as text. */
public record Profile(UUID id, String email, String username, String displayName, Role role, String metadata,
        boolean onboardingCompleted, long version, Instant createdAt, Instant updatedAt) {
}
