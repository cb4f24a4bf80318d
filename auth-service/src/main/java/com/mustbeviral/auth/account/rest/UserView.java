package com.mustbeviral.auth.account.rest;

import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.account.User;
import java.time.Instant;
import java.util.UUID;

/** A user as the owner sees it. */
public record UserView(UUID id, String email, String username, String displayName, Role role,
        boolean onboardingCompleted, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.username(), user.displayName(), user.role(),
                user.onboardingCompleted(), user.createdAt());
    }
}
