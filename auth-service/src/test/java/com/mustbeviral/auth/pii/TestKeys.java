package com.mustbeviral.auth.pii;

import com.mustbeviral.auth.config.AuthConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Key configurations for unit tests, built the way AuthConfig.Pii delivers them. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    public static String random(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static AuthConfig.Pii config(Map<String, String> keys, String currentKey, String emailIndexKey) {
        return new AuthConfig.Pii() {
            @Override
            public Map<String, String> keys() {
                return keys;
            }

            @Override
            public Optional<String> currentKey() {
                return Optional.ofNullable(currentKey);
            }

            @Override
            public Optional<String> emailIndexKey() {
                return Optional.ofNullable(emailIndexKey);
            }
        };
    }
}
