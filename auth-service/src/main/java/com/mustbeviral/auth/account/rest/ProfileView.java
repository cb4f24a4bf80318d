package com.mustbeviral.auth.account.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.mustbeviral.auth.account.Profile;
import com.mustbeviral.auth.account.Role;
import java.time.Instant;
import java.util.UUID;

/** A user's own profile; its version travels as the ETag. */
public record ProfileView(UUID id, String email, boolean emailVerified, String username, String displayName, Role role,
        @JsonRawValue String metadata, boolean onboardingCompleted, Instant createdAt, Instant updatedAt) {

    static ProfileView of(Profile p, boolean emailVerified) {
        return new ProfileView(p.id(), p.email(), emailVerified, p.username(), p.displayName(), p.role(), p.metadata(),
                p.onboardingCompleted(), p.createdAt(), p.updatedAt());
    }
}
