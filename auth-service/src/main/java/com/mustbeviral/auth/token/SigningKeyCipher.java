package com.mustbeviral.auth.token;

import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the private half of a signing key for storage with AES-256-GCM under a key-encryption key
 * from the environment ({@code auth.kek}). A stored value reads
 * {@code v1.<kek id>.<base64url(nonce | ciphertext | tag)>}: a random 96-bit nonce, the id of the
 * key-encryption key (older ones keep decrypting after a rotation, {@link SigningKeys} re-encrypts
 * under the current one at start), and associated data binding it to its format, key-encryption
 * key id and the signing key's kid, so a sealed key moved to another row no longer opens.
 */
@ApplicationScoped
@Startup
public class SigningKeyCipher {

    static final String VERSION = "v1";
    // Key ids travel in environment variable names (AUTH_KEK_KEYS_K1), see PiiKeys.
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");
    private static final int AES_256_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();

    // @Startup: a missing or bad key stops the service at start with a message naming the property.
    @Inject
    SigningKeyCipher(AuthConfig config) {
        this(config.kek());
    }

    private SigningKeyCipher(AuthConfig.Kek config) {
        Map<String, SecretKey> parsed = new TreeMap<>();
        config.keys().forEach((id, base64) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("auth.kek.keys." + id + ": a key id is 1 to 16 lower-case letters"
                        + " or digits (it becomes part of the environment variable AUTH_KEK_KEYS_<ID>)");
            }
            parsed.put(id, new SecretKeySpec(decode("auth.kek.keys." + id, base64), "AES"));
        });
        String current = config.currentKey().map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(
                () -> new IllegalStateException("auth.kek.current-key is not set: set AUTH_KEK_CURRENT_KEY to the id of"
                        + " the AES-256 key that encrypts the token signing keys at rest, and AUTH_KEK_KEYS_<ID> to that"
                        + " key (base64 of 32 random bytes: openssl rand -base64 32)"));
        if (!parsed.containsKey(current)) {
            throw new IllegalStateException("auth.kek.current-key is '" + current + "' but auth.kek.keys." + current
                    + " is not set (AUTH_KEK_KEYS_" + current.toUpperCase(Locale.ROOT) + "); configured key ids: "
                    + parsed.keySet());
        }
        this.keys = Map.copyOf(parsed);
        this.currentKeyId = current;
    }

    /** Outside CDI (the V10 migration, tests). */
    public static SigningKeyCipher with(AuthConfig.Kek config) {
        return new SigningKeyCipher(config);
    }

    private static byte[] decode(String property, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64", e);
        }
        if (key.length != AES_256_BYTES) {
            throw new IllegalStateException(property + " must be base64 of " + AES_256_BYTES + " bytes, it has "
                    + key.length + " (generate one with: openssl rand -base64 32)");
        }
        return key;
    }

    /** The sealed form of a private key's PKCS#8 encoding, for the row of {@code kid}. */
    public String seal(byte[] pkcs8, String kid) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(currentKeyId, kid));
            byte[] sealed = cipher.doFinal(pkcs8);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + currentKeyId + "." + BASE64URL.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The PKCS#8 encoding sealed in {@code stored} for {@code kid}.
     *
     * @throws IllegalStateException when the value is not sealed, its key-encryption key is not
     *     configured, or it does not authenticate (tampered with, moved from another row, wrong key)
     */
    public byte[] open(String stored, String kid) {
        String where = "signing_keys.private_key of kid " + kid;
        String[] parts = stored == null ? new String[0] : stored.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException(where + " is not sealed in format " + VERSION);
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException(where + " was sealed under key-encryption key '" + parts[1]
                    + "', which is not configured (AUTH_KEK_KEYS_" + parts[1].toUpperCase(Locale.ROOT)
                    + "): keep an old key until the start after a rotation has re-encrypted every signing key");
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not valid base64url", e);
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException(where + " is too short to be sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(parts[1], kid));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(where + " does not authenticate under key-encryption key '" + parts[1]
                    + "': tampered with, moved from another row, or the key changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** How every value sealed from now on starts; a stored value without it waits for re-encryption. */
    public String currentKeyPrefix() {
        return VERSION + "." + currentKeyId + ".";
    }

    private static byte[] associatedData(String keyId, String kid) {
        // Unambiguous: the version and key id contain no dot; the kid is last.
        return (VERSION + "." + keyId + ".signing_keys.private_key." + kid).getBytes(StandardCharsets.UTF_8);
    }
}
