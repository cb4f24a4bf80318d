package com.mustbeviral.auth.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a user is on the platform. Admins and moderators are made by admins (the role change), never
 * by registration: a moderator reviews everyone's content (content-service's queue and decisions).
 */
public enum Role {
    CREATOR, INFLUENCER, ADMIN, MODERATOR;

    /** Whether registration may give this role: only the ones a person may claim for themself. */
    public boolean selfChosen() {
        return this == CREATOR || this == INFLUENCER;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
