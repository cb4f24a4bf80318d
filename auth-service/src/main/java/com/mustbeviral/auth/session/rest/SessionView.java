package com.mustbeviral.auth.session.rest;

import com.mustbeviral.auth.session.Session;
import java.time.Instant;
import java.util.UUID;

/** A session as its owner sees it in the device list. */
public record SessionView(UUID id, String deviceType, String userAgent, String ipAddress, Instant createdAt,
        Instant lastActivityAt, Instant expiresAt, boolean current) {

    static SessionView of(Session s, UUID currentId) {
        return new SessionView(s.id(), s.deviceType(), s.userAgent(), s.ipAddress(), s.createdAt(), s.lastActivityAt(),
                s.expiresAt(), s.id().equals(currentId));
    }
}
