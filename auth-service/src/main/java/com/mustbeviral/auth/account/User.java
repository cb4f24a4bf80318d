package com.mustbeviral.auth.account;

import java.time.Instant;
import java.util.UUID;

/** An account. The password hash never leaves the repository layer. */
public record User(UUID id, String email, String username, String displayName, Role role, boolean onboardingCompleted,
        long version, Instant createdAt, Instant updatedAt) {
}
