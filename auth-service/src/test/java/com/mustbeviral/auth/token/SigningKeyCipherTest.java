package com.mustbeviral.auth.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.pii.TestKeys;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Sealing a signing key's private half: what a stored value reveals, what opens it, what stops the start. */
@Tag("signing-keys-at-rest")
class SigningKeyCipherTest {

    private static final String K1 = TestKeys.random(32);
    private static final String K2 = TestKeys.random(32);
    private static byte[] pkcs8;

    @BeforeAll
    static void aPrivateKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
    }

    @Test
    void aSealedKeyHoldsNoPkcs8AndOpensOnlyForItsKid() {
        SigningKeyCipher cipher = SigningKeyCipher.with(TestKeks.config(Map.of("k1", K1), "k1"));

        String sealed = cipher.seal(pkcs8, "kid-a");

        assertTrue(sealed.startsWith("v1.k1."), sealed);
        SealedKeyAssertions.assertShowsNothingOf(pkcs8, sealed);
        assertArrayEquals(pkcs8, cipher.open(sealed, "kid-a"));
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "kid-b"), "moved to another row");
    }

    @Test
    void withoutTheEnvironmentsKeyNothingOpens() {
        String sealed = SigningKeyCipher.with(TestKeks.config(Map.of("k1", K1), "k1")).seal(pkcs8, "kid-a");
        SigningKeyCipher guessing = SigningKeyCipher.with(TestKeks.config(Map.of("k1", K2), "k1"));
        SigningKeyCipher otherId = SigningKeyCipher.with(TestKeks.config(Map.of("k2", K1), "k2"));

        assertThrows(IllegalStateException.class, () -> guessing.open(sealed, "kid-a"));
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> otherId.open(sealed, "kid-a"));
        assertTrue(unknown.getMessage().contains("AUTH_KEK_KEYS_K1"), unknown.getMessage());
    }

    @Test
    void aRetiredKeyStillOpensWhatItSealedAndNewSealsUseTheCurrentOne() {
        String old = SigningKeyCipher.with(TestKeks.config(Map.of("k1", K1), "k1")).seal(pkcs8, "kid-a");
        SigningKeyCipher rotated = SigningKeyCipher.with(TestKeks.config(Map.of("k1", K1, "k2", K2), "k2"));

        assertArrayEquals(pkcs8, rotated.open(old, "kid-a"));
        assertTrue(rotated.seal(pkcs8, "kid-a").startsWith(rotated.currentKeyPrefix()));
        assertFalse(old.startsWith(rotated.currentKeyPrefix()));
    }

    @Test
    void aClearPkcs8ValueIsRefusedNotUsed() {
        SigningKeyCipher cipher = SigningKeyCipher.with(TestKeks.config(Map.of("k1", K1), "k1"));

        assertThrows(IllegalStateException.class, () -> cipher.open(Base64.getEncoder().encodeToString(pkcs8), "kid-a"));
    }

    @Test
    void noCurrentKeyStopsTheStart() {
        assertMessage("AUTH_KEK_CURRENT_KEY", Map.of("k1", K1), null);
    }

    @Test
    void aCurrentKeyIdWithoutAKeyStopsTheStart() {
        assertMessage("AUTH_KEK_KEYS_K2", Map.of("k1", K1), "k2");
    }

    @Test
    void aShortKeyStopsTheStart() {
        assertMessage("must be base64 of 32 bytes, it has 16", Map.of("k1", TestKeys.random(16)), "k1");
    }

    @Test
    void aKeyIdThatCannotBeAnEnvironmentVariableStopsTheStart() {
        assertMessage("lower-case letters", Map.of("key-1", K1), "key-1");
    }

    private static void assertMessage(String expected, Map<String, String> keys, String current) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKeyCipher.with(TestKeks.config(keys, current)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
