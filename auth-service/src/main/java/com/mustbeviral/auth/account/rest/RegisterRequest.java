package com.mustbeviral.auth.account.rest;

import com.mustbeviral.auth.account.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/auth/register}. */
public record RegisterRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "3 to 32 letters, digits, '_', '.' or '-'") String username,
        // NIST 800-63B: at least 8 characters, long passphrases allowed; argon2 bounds the cost of long ones.
        @NotNull @Size(min = 8, max = 128) String password,
        @NotBlank @Size(max = 100) String displayName,
        @NotNull Role role) {
}
