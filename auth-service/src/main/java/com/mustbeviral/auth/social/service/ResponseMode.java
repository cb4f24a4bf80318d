package com.mustbeviral.auth.social.service;

import java.util.Locale;
import java.util.Optional;

/** How a social login's result reaches the app: in the fragment of its redirect_uri, or as a JSON answer. */
public enum ResponseMode {
    FRAGMENT, JSON;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code fragment} when absent; empty when unknown. */
    public static Optional<ResponseMode> fromWireName(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(FRAGMENT);
        }
        for (ResponseMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
