package com.mustbeviral.auth.consent;

import java.util.Locale;

/** What a user may consent to; each is granted or not, independently. */
public enum ConsentPurpose {
    ANALYTICS, MARKETING, AI_TRAINING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentPurpose fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
