package com.mustbeviral.auth.social.service;

import java.util.UUID;

/**
 * A social login between the redirect to the provider and its callback, kept in Redis under its
 * state. {@code linkTo} is set when a logged-in user links a provider instead of logging in.
 */
public record PendingSocialLogin(String provider, String codeVerifier, String nonce, String appRedirectUri,
        ResponseMode responseMode, String appState, UUID linkTo) {
}
