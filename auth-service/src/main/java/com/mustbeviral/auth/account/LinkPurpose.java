package com.mustbeviral.auth.account;

/** What a link sent by mail does; also the kind of mail that carries it. */
public enum LinkPurpose {
    /** Proves the account's email address. */
    VERIFY_EMAIL("verify_email"),
    /** Sets a new password ("forgot password"). */
    RESET_PASSWORD("reset_password");

    private final String wireName;

    LinkPurpose(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static LinkPurpose fromWireName(String name) {
        for (LinkPurpose p : values()) {
            if (p.wireName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown link purpose " + name);
    }
}
