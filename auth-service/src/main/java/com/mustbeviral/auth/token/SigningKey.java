package com.mustbeviral.auth.token;

import java.security.PrivateKey;
import java.time.Instant;

/** An RS256 key pair of the token issuer: its id, its public half as a JWK, its private half. */
public record SigningKey(String kid, String publicJwk, PrivateKey privateKey, Instant createdAt) {
}
