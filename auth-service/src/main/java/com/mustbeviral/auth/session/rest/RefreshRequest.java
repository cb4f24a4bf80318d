package com.mustbeviral.auth.session.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/auth/refresh}. */
public record RefreshRequest(@NotBlank @Size(max = 100) String refreshToken) {
}
