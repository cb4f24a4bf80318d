package com.mustbeviral.auth.token;

import com.mustbeviral.auth.config.AuthConfig;
import java.util.Map;
import java.util.Optional;

/** Key-encryption key configurations for tests, built the way AuthConfig.Kek delivers them. */
public final class TestKeks {

    private TestKeks() {
    }

    public static AuthConfig.Kek config(Map<String, String> keys, String currentKey) {
        return new AuthConfig.Kek() {
            @Override
            public Map<String, String> keys() {
                return keys;
            }

            @Override
            public Optional<String> currentKey() {
                return Optional.ofNullable(currentKey);
            }
        };
    }
}
