package com.mustbeviral.auth.pii;

import com.mustbeviral.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;

/**
 * The blind index of an email: HMAC-SHA256 of the address lower-cased and trimmed, under a key of its
 * own. Equal addresses in any case give equal indexes, so a unique index on it keeps emails unique and
 * finds an account by email, while the stored index reveals nothing without the key (a plain hash of
 * an email would fall to a dictionary of addresses).
 */
@ApplicationScoped
public class EmailIndex {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PiiKeys keys;

    @Inject
    EmailIndex(AuthConfig config) {
        this(PiiKeys.from(config.pii()));
    }

    private EmailIndex(PiiKeys keys) {
        this.keys = keys;
    }

    /** Outside CDI (the V6 migration). */
    public static EmailIndex with(PiiKeys keys) {
        return new EmailIndex(keys);
    }

    public String of(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.emailIndexKey());
            return BASE64URL.encodeToString(mac.doFinal(normalize(email).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
