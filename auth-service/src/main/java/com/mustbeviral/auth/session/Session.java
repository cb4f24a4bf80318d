package com.mustbeviral.auth.session;

import java.time.Instant;
import java.util.UUID;

/** One login on one device: a refresh-token family with its current generation. */
public record Session(UUID id, UUID userId, int generation, String ipAddress, String userAgent, String deviceType,
        Instant createdAt, Instant lastActivityAt, Instant expiresAt, Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
