package com.mustbeviral.analytics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Kinds of engagement a client reports. */
public enum EventType {
    VIEW, CLICK, SHARE, LIKE, COMMENT, CONVERSION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EventType fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
