package com.mustbeviral.auth.social;

import java.time.Instant;
import java.util.UUID;

/** A social account (Google, GitHub, X) that logs in to a user. */
public record LinkedAccount(String provider, String providerUserId, UUID userId, String providerUsername, String email,
        boolean emailVerified, Instant linkedAt) {
}
