package com.mustbeviral.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable opaque values: refresh tokens, authorization codes, client secrets, OAuth state and
 * PKCE verifiers. 256 random bits, base64url without padding (43 characters).
 */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
