package com.mustbeviral.auth.token;

import java.security.PrivateKey;
import java.time.Instant;

/** A key pair of the token issuer: its algorithm, its id, its public half as a JWK, its private half. */
public record SigningKey(TokenAlgorithm algorithm, String kid, String publicJwk, PrivateKey privateKey, Instant createdAt) {
}
