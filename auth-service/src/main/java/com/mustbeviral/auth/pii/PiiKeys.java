package com.mustbeviral.auth.pii;

import com.mustbeviral.auth.config.AuthConfig;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of personal data at rest, checked once: AES-256 keys by id, the id of the one that
 * encrypts, and the HMAC key of the email blind index. Anything unusable stops the service at start
 * with a message naming the property, rather than at the first login.
 */
public final class PiiKeys {

    // Key ids travel in environment variable names (AUTH_PII_KEYS_K2026A), where SmallRye Config
    // lower-cases map keys and cannot tell a dot or dash from an underscore.
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");
    private static final int AES_256_BYTES = 32;
    private static final int MIN_HMAC_KEY_BYTES = 32;

    private final Map<String, SecretKey> encryptionKeys;
    private final String currentKeyId;
    private final SecretKey emailIndexKey;

    private PiiKeys(Map<String, SecretKey> encryptionKeys, String currentKeyId, SecretKey emailIndexKey) {
        this.encryptionKeys = encryptionKeys;
        this.currentKeyId = currentKeyId;
        this.emailIndexKey = emailIndexKey;
    }

    /** @throws IllegalStateException naming the property that is missing or malformed */
    public static PiiKeys from(AuthConfig.Pii config) {
        Map<String, SecretKey> keys = new TreeMap<>();
        config.keys().forEach((id, base64) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("auth.pii.keys." + id + ": a key id is 1 to 16 lower-case letters"
                        + " or digits (it becomes part of the environment variable AUTH_PII_KEYS_<ID>)");
            }
            keys.put(id, new SecretKeySpec(decode("auth.pii.keys." + id, base64, AES_256_BYTES, true), "AES"));
        });
        String current = config.currentKey().map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(
                () -> new IllegalStateException("auth.pii.current-key is not set: set AUTH_PII_CURRENT_KEY to the id of"
                        + " the AES-256 key that encrypts email and IP addresses, and AUTH_PII_KEYS_<ID> to that key"
                        + " (base64 of 32 random bytes: openssl rand -base64 32)"));
        if (!keys.containsKey(current)) {
            throw new IllegalStateException("auth.pii.current-key is '" + current + "' but auth.pii.keys." + current
                    + " is not set (AUTH_PII_KEYS_" + current.toUpperCase(Locale.ROOT) + "); configured key ids: "
                    + keys.keySet());
        }
        String indexKey = config.emailIndexKey().map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(
                () -> new IllegalStateException("auth.pii.email-index-key is not set: set AUTH_PII_EMAIL_INDEX_KEY to"
                        + " base64 of 32 random bytes (openssl rand -base64 32), a key of its own, not an encryption key"));
        byte[] index = decode("auth.pii.email-index-key", indexKey, MIN_HMAC_KEY_BYTES, false);
        return new PiiKeys(Map.copyOf(keys), current, new SecretKeySpec(index, "HmacSHA256"));
    }

    private static byte[] decode(String property, String base64, int bytes, boolean exactly) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64", e);
        }
        if (exactly ? key.length != bytes : key.length < bytes) {
            throw new IllegalStateException(property + " must be base64 of " + (exactly ? "" : "at least ") + bytes
                    + " bytes, it has " + key.length + " (generate one with: openssl rand -base64 32)");
        }
        return key;
    }

    String currentKeyId() {
        return currentKeyId;
    }

    SecretKey current() {
        return encryptionKeys.get(currentKeyId);
    }

    /** The key with this id, or null when it is not configured (any more). */
    SecretKey encryptionKey(String keyId) {
        return encryptionKeys.get(keyId);
    }

    SecretKey emailIndexKey() {
        return emailIndexKey;
    }
}
