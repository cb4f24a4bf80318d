package com.mustbeviral.auth.session.rest;

import com.mustbeviral.auth.session.service.TokenPair;

/** Tokens as OAuth 2.0 (RFC 6749 section 5.1) spells them. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    public static TokenResponse of(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds());
    }
}
