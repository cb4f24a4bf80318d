package com.mustbeviral.auth.social.service;

import com.mustbeviral.auth.account.repository.UserRepository;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A free username for an account created by a social login: the provider's handle, else the local
 * part of the email, else the name, reduced to what registration allows ({@code [A-Za-z0-9_.-]},
 * 3 to 32 characters), with a numeric suffix while it is taken.
 */
final class SocialUsernames {

    private static final int MAX = 32;
    private static final int BASE_MAX = 24;
    private final SecureRandom random = new SecureRandom();

    /** Must run in the transaction that inserts the user: SQLite's write lock makes check-then-insert safe. */
    String derive(ProviderIdentity identity, UserRepository users) throws SQLException {
        String base = base(identity);
        if (!users.usernameTaken(base)) {
            return base;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            String candidate = base + "-" + (1000 + random.nextInt(attempt < 10 ? 9000 : 999_000));
            if (candidate.length() <= MAX && !users.usernameTaken(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free username near " + base);
    }

    private static String base(ProviderIdentity identity) {
        for (String source : new String[] { identity.username(), localPart(identity.email()), identity.displayName() }) {
            String cleaned = clean(source);
            if (cleaned.length() >= 3) {
                return cleaned;
            }
        }
        return identity.provider() + "-user";
    }

    private static String localPart(String email) {
        return email == null ? null : email.substring(0, Math.max(0, email.indexOf('@')));
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        String ascii = Normalizer.normalize(value, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String cleaned = ascii.trim().replaceAll("\\s+", "_").replaceAll("[^A-Za-z0-9_.-]", "").toLowerCase(Locale.ROOT);
        return cleaned.length() > BASE_MAX ? cleaned.substring(0, BASE_MAX) : cleaned;
    }
}
