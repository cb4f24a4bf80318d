package com.mustbeviral.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Base64;

/**
 * What a sealed private key ({@code v1.<kek id>.<base64url>}) must not show of the key: no run of 16 of its bytes in
 * the sealed payload and no run of 24 characters of its base64, at any byte alignment. A short probe such as
 * {@code "MII"} (the base64 of PKCS#8's {@code 30 82}) turns up by chance in ~0.6 % of random 1.6 kB payloads; runs
 * this long never do.
 */
public final class SealedKeyAssertions {

    private static final int BYTE_RUN = 16;
    private static final int BASE64_RUN = 24;

    private SealedKeyAssertions() {
    }

    public static void assertShowsNothingOf(byte[] key, String sealed) {
        String[] parts = sealed.split("\\.", -1);
        assertEquals(3, parts.length, "sealed as version.kek.payload: " + sealed);
        byte[] payload = Base64.getUrlDecoder().decode(parts[2]);
        for (int i = 0; i + BYTE_RUN <= key.length; i++) {
            byte[] run = Arrays.copyOfRange(key, i, i + BYTE_RUN);
            assertEquals(-1, indexOf(payload, run), "bytes " + i + " on of the key show in " + sealed);
        }
        // Base64 of anything holding the key holds one of these three encodings' 4-character groups.
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = Arrays.copyOfRange(key, shift, key.length);
            for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
                String encoded = encoder.encodeToString(shifted);
                int wholeGroups = shifted.length / 3 * 4; // the last group's characters depend on what follows
                for (int i = 0; i + BASE64_RUN <= wholeGroups; i += 4) {
                    String run = encoded.substring(i, i + BASE64_RUN);
                    assertFalse(sealed.contains(run), "the key's base64 " + run + " shows in " + sealed);
                }
            }
        }
    }

    /** Where {@code needle} first starts in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
