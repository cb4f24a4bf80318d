package com.mustbeviral.auth.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiCipherTest {

    private static final String OLD = TestKeys.random(32);
    private static final String NEW = TestKeys.random(32);
    private static final String INDEX = TestKeys.random(32);
    private static final String ROW = "5b0c6c1e-8f0e-4c6e-9d3a-0d6f3c2f4a11";

    private final PiiCipher cipher = cipher(Map.of("k1", OLD), "k1");

    @Test
    void aValueRoundTrips() {
        String stored = cipher.encrypt("Grace.Hopper@example.com", PiiColumn.USERS_EMAIL, ROW);

        assertEquals("Grace.Hopper@example.com", cipher.decrypt(stored, PiiColumn.USERS_EMAIL, ROW));
        assertTrue(stored.startsWith("v1.k1."), stored);
        assertFalse(stored.toLowerCase().contains("grace"), stored);
    }

    @Test
    void nullStaysNull() {
        assertNull(cipher.encrypt(null, PiiColumn.SESSIONS_IP_ADDRESS, ROW));
        assertNull(cipher.decrypt(null, PiiColumn.SESSIONS_IP_ADDRESS, ROW));
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        assertNotEquals(cipher.encrypt("10.1.2.3", PiiColumn.SESSIONS_IP_ADDRESS, ROW),
                cipher.encrypt("10.1.2.3", PiiColumn.SESSIONS_IP_ADDRESS, ROW));
    }

    @Test
    void aTamperedCiphertextFailsLoudly() {
        String stored = cipher.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);
        byte[] sealed = Base64.getUrlDecoder().decode(stored.substring("v1.k1.".length()));
        sealed[sealed.length / 2] ^= 1;
        String tampered = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);

        PiiDecryptionException e = assertThrows(PiiDecryptionException.class,
                () -> cipher.decrypt(tampered, PiiColumn.USERS_EMAIL, ROW));
        assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());
    }

    @Test
    void anUnknownKeyIdFailsLoudly() {
        String stored = cipher.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);
        String otherKid = "v1.k9." + stored.substring("v1.k1.".length());

        PiiDecryptionException e = assertThrows(PiiDecryptionException.class,
                () -> cipher.decrypt(otherKid, PiiColumn.USERS_EMAIL, ROW));
        assertTrue(e.getMessage().contains("'k9'"), e.getMessage());
    }

    @Test
    void aKeyIdNamingAnotherConfiguredKeyFailsLoudly() {
        PiiCipher both = cipher(Map.of("k1", OLD, "k2", NEW), "k1");
        String stored = both.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);
        String relabelled = "v1.k2." + stored.substring("v1.k1.".length());

        assertThrows(PiiDecryptionException.class, () -> both.decrypt(relabelled, PiiColumn.USERS_EMAIL, ROW));
    }

    @Test
    void aValueMovedToAnotherRowDoesNotDecrypt() {
        String stored = cipher.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);

        assertThrows(PiiDecryptionException.class,
                () -> cipher.decrypt(stored, PiiColumn.USERS_EMAIL, "0c1d2e3f-0000-4000-8000-000000000000"));
    }

    @Test
    void aValueMovedToAnotherColumnDoesNotDecrypt() {
        String stored = cipher.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);

        assertThrows(PiiDecryptionException.class, () -> cipher.decrypt(stored, PiiColumn.OAUTH_ACCOUNTS_EMAIL, ROW));
    }

    @Test
    void plaintextIsNotMistakenForCiphertext() {
        assertThrows(PiiDecryptionException.class, () -> cipher.decrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW));
        assertThrows(PiiDecryptionException.class, () -> cipher.decrypt("v1.k1.short", PiiColumn.USERS_EMAIL, ROW));
        assertThrows(PiiDecryptionException.class, () -> cipher.decrypt("v1.k1.not base64!", PiiColumn.USERS_EMAIL, ROW));
    }

    @Test
    void afterARotationOldValuesStillDecryptAndNewOnesUseTheNewKey() {
        String underOld = cipher.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);
        PiiCipher rotated = cipher(Map.of("k1", OLD, "k2", NEW), "k2");

        assertEquals("grace@example.com", rotated.decrypt(underOld, PiiColumn.USERS_EMAIL, ROW));
        assertTrue(rotated.underOldKey(underOld));
        String underNew = rotated.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);
        assertTrue(underNew.startsWith("v1.k2."), underNew);
        assertFalse(rotated.underOldKey(underNew));
    }

    @Test
    void aValueUnderAKeyRemovedFromTheConfigurationNoLongerDecrypts() {
        String underOld = cipher.encrypt("grace@example.com", PiiColumn.USERS_EMAIL, ROW);
        PiiCipher withoutOld = cipher(Map.of("k2", NEW), "k2");

        assertThrows(PiiDecryptionException.class, () -> withoutOld.decrypt(underOld, PiiColumn.USERS_EMAIL, ROW));
    }

    private static PiiCipher cipher(Map<String, String> keys, String current) {
        return PiiCipher.with(PiiKeys.from(TestKeys.config(keys, current, INDEX)));
    }
}
