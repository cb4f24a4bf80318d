package com.mustbeviral.auth.admin.rest;

import com.mustbeviral.auth.account.Profile;
import com.mustbeviral.auth.account.Role;
import java.time.Instant;
import java.util.UUID;

/** An account as an admin sees it in the user list (no metadata: it is the user's own). */
public record AdminUserView(UUID id, String email, String username, String displayName, Role role,
        boolean onboardingCompleted, Instant createdAt, Instant updatedAt) {

    static AdminUserView of(Profile p) {
        return new AdminUserView(p.id(), p.email(), p.username(), p.displayName(), p.role(), p.onboardingCompleted(),
                p.createdAt(), p.updatedAt());
    }
}
