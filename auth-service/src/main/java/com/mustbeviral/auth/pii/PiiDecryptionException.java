package com.mustbeviral.auth.pii;

/**
 * A stored value that does not decrypt: tampered with, moved from another row or column, malformed,
 * or encrypted under a key id no longer configured. Never answered with a guess or the raw value.
 */
public class PiiDecryptionException extends RuntimeException {

    PiiDecryptionException(String message) {
        super(message);
    }

    PiiDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
