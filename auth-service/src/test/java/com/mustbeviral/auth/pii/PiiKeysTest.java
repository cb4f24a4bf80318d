package com.mustbeviral.auth.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.config.AuthConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the service says at start when its keys are unusable (PiiCipher is created at startup). */
class PiiKeysTest {

    private static final String KEY = TestKeys.random(32);
    private static final String INDEX = TestKeys.random(32);

    @Test
    void validKeysAreAccepted() {
        PiiKeys keys = PiiKeys.from(TestKeys.config(Map.of("k1", KEY, "k2", TestKeys.random(32)), "k2", INDEX));

        assertEquals("k2", keys.currentKeyId());
    }

    @Test
    void noCurrentKeyStopsTheStart() {
        assertMessage("AUTH_PII_CURRENT_KEY", TestKeys.config(Map.of("k1", KEY), null, INDEX));
    }

    @Test
    void aCurrentKeyIdWithoutAKeyStopsTheStart() {
        assertMessage("AUTH_PII_KEYS_K2", TestKeys.config(Map.of("k1", KEY), "k2", INDEX));
    }

    @Test
    void aKeyOfSixteenBytesStopsTheStart() {
        assertMessage("must be base64 of 32 bytes, it has 16", TestKeys.config(Map.of("k1", TestKeys.random(16)), "k1", INDEX));
    }

    @Test
    void anOldKeyThatIsNotBase64StopsTheStart() {
        assertMessage("auth.pii.keys.k0 is not valid base64",
                TestKeys.config(Map.of("k0", "not*base64", "k1", KEY), "k1", INDEX));
    }

    @Test
    void aKeyIdThatCannotBeAnEnvironmentVariableStopsTheStart() {
        assertMessage("lower-case letters", TestKeys.config(Map.of("key-1", KEY), "key-1", INDEX));
    }

    @Test
    void noEmailIndexKeyStopsTheStart() {
        assertMessage("AUTH_PII_EMAIL_INDEX_KEY", TestKeys.config(Map.of("k1", KEY), "k1", null));
    }

    @Test
    void aShortEmailIndexKeyStopsTheStart() {
        assertMessage("auth.pii.email-index-key must be base64 of at least 32 bytes",
                TestKeys.config(Map.of("k1", KEY), "k1", TestKeys.random(16)));
    }

    private static void assertMessage(String expected, AuthConfig.Pii config) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PiiKeys.from(config));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
