package com.mustbeviral.auth.pii;

import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts email and IP addresses for storage with AES-256-GCM. A stored value reads
 * {@code v1.<key id>.<base64url(nonce | ciphertext | tag)>}: a random 96-bit nonce per value, the id
 * of the key it was encrypted under (so older keys keep decrypting after a rotation), and associated
 * data binding it to its format, key id, column and row. Null stays null.
 */
@ApplicationScoped
@Startup
public class PiiCipher {

    static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final PiiKeys keys;
    private final SecureRandom random = new SecureRandom();

    // @Startup: bad keys stop the service at start, not at the first request that stores an email.
    @Inject
    PiiCipher(AuthConfig config) {
        this(PiiKeys.from(config.pii()));
    }

    private PiiCipher(PiiKeys keys) {
        this.keys = keys;
    }

    /** Outside CDI (the V6 migration). */
    public static PiiCipher with(PiiKeys keys) {
        return new PiiCipher(keys);
    }

    /** @param rowKey the row's primary key: the value decrypts only in this row of this column */
    public String encrypt(String plaintext, PiiColumn column, String rowKey) {
        if (plaintext == null) {
            return null;
        }
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, column, rowKey));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + keyId + "." + BASE64URL.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws PiiDecryptionException when the value is not one this cipher wrote for this row and column */
    public String decrypt(String stored, PiiColumn column, String rowKey) {
        if (stored == null) {
            return null;
        }
        String where = column.qualifiedName() + " of row " + rowKey;
        String[] parts = stored.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new PiiDecryptionException(where + " is not an encrypted value of format " + VERSION);
        }
        String keyId = parts[1];
        SecretKey key = keys.encryptionKey(keyId);
        if (key == null) {
            throw new PiiDecryptionException(where + " was encrypted under key id '" + keyId
                    + "', which is not configured (auth.pii.keys." + keyId + "): keep old keys until re-encrypted");
        }
        byte[] sealed;
        try {
            sealed = BASE64URL_DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new PiiDecryptionException(where + " is not valid base64url", e);
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new PiiDecryptionException(where + " is too short to be an encrypted value");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId, column, rowKey));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new PiiDecryptionException(where + " does not authenticate under key '" + keyId
                    + "': tampered with, copied from another row or column, or the key changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Whether the value is encrypted under a key other than the current one (a rotation left it behind). */
    public boolean underOldKey(String stored) {
        return stored != null && !stored.startsWith(currentKeyPrefix());
    }

    /** How every value encrypted from now on starts. */
    public String currentKeyPrefix() {
        return VERSION + "." + keys.currentKeyId() + ".";
    }

    private static byte[] associatedData(String keyId, PiiColumn column, String rowKey) {
        // Unambiguous: the version and key id contain no dot, the column name is from a fixed set.
        return (VERSION + "." + keyId + "." + column.qualifiedName() + "." + rowKey).getBytes(StandardCharsets.UTF_8);
    }
}
