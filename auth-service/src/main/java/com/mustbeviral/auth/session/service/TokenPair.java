package com.mustbeviral.auth.session.service;

import java.util.UUID;

/** What a login or a refresh hands out. */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds, UUID sessionId) {
}
