package com.mustbeviral.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256: as lower-case hex, how high-entropy secrets (refresh tokens, codes) and Redis keys are
 * stored; as base64url, the PKCE S256 code challenge.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static String hex(String value) {
        return HexFormat.of().formatHex(digest(value));
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636 section 4.2): base64url(SHA-256(verifier)). */
    public static String pkceChallenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(verifier));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
