package com.mustbeviral.auth.social.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/users/me/linked-accounts/{provider}}: where the app hears of the result. */
public record LinkRequest(@NotBlank @Size(max = 2048) String redirectUri, @Size(max = 16) String responseMode,
        @Size(max = 512) String state) {
}
