package com.mustbeviral.auth.session.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/auth/login}: the email or the username, the password, and optionally a
 * new password that replaces it (required once for the bootstrap admin).
 */
public record LoginRequest(@Size(max = 254) String email, @Size(max = 32) String username,
        @NotNull @Size(max = 128) String password, @Size(min = 8, max = 128) String newPassword) {

    @JsonIgnore
    @AssertTrue(message = "give exactly one of email and username")
    public boolean isOneIdentifier() {
        return (email == null) != (username == null);
    }

    public String identifier() {
        return email != null ? email : username;
    }
}
