package com.mustbeviral.analytics;

import java.util.Locale;
import java.util.Optional;

/** Kinds of engagement a client reports; each has its own counter in the rollups. */
public enum EventType {
    VIEW("views"), CLICK("clicks"), SHARE("shares"), LIKE("likes"), COMMENT("comments"), CONVERSION("conversions"),
    SIGNUP("signups"), PURCHASE("purchases"), CUSTOM("customs");

    private final String counter;

    EventType(String counter) {
        this.counter = counter;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The column of the rollups and of content_stats that counts this type. */
    public String counter() {
        return counter;
    }

    /** The type named {@code value} on the wire, or empty for anything else. */
    public static Optional<EventType> fromWireName(String value) {
        for (EventType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
