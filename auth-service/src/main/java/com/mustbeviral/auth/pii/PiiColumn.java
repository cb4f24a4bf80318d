package com.mustbeviral.auth.pii;

/**
 * A column holding encrypted personal data. Its name is part of each value's associated data, with
 * the row's key, so a ciphertext copied into another column or row no longer decrypts.
 */
public enum PiiColumn {
    USERS_EMAIL("users.email"),
    SESSIONS_IP_ADDRESS("sessions.ip_address"),
    OAUTH_ACCOUNTS_EMAIL("oauth_accounts.email");

    private final String qualifiedName;

    PiiColumn(String qualifiedName) {
        this.qualifiedName = qualifiedName;
    }

    public String qualifiedName() {
        return qualifiedName;
    }
}
