package com.mustbeviral.auth.social.service;

import java.util.UUID;

/**
 * A social login between its start and the provider's answer, kept in Redis under a hash of the
 * handle in the browser's cookie: where and how the app hears of the result. {@code linkTo} is set
 * when a logged-in user links a provider instead of logging in. The protocol's own state (state,
 * PKCE verifier, nonce) is quarkus-oidc's, in its encrypted state cookie.
 */
public record PendingSocialLogin(String provider, String appRedirectUri, ResponseMode responseMode, String appState,
        UUID linkTo) {
}
