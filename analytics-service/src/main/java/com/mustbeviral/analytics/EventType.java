package com.mustbeviral.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Kinds of engagement a client reports; each has its own counter in the rollups. */
public enum EventType {
    VIEW("views"), CLICK("clicks"), SHARE("shares"), LIKE("likes"), COMMENT("comments"), CONVERSION("conversions"),
    SIGNUP("signups"), PURCHASE("purchases"), CUSTOM("customs");

    // Looked up for every event on ingestion and aggregation: a map, not a lower-cased name per type per call.
    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String counter;
    private final String wireName;

    EventType(String counter) {
        this.counter = counter;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public String wireName() {
        return wireName;
    }

    /** The column of the rollups and of content_stats that counts this type. */
    public String counter() {
        return counter;
    }

    /** The type named {@code value} on the wire, or empty for anything else. */
    public static Optional<EventType> fromWireName(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(value));
    }
}
