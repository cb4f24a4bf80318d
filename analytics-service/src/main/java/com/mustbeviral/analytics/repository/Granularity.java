package com.mustbeviral.analytics.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The two granularities the rollups are kept in; weeks and months are added up from days. */
public enum Granularity {
    HOUR("hour", ChronoUnit.HOURS), DAY("day", ChronoUnit.DAYS);

    private final String column;
    private final long millis;

    Granularity(String column, ChronoUnit unit) {
        this.column = column;
        this.millis = unit.getDuration().toMillis();
    }

    /** The value in the granularity column. */
    public String column() {
        return column;
    }

    /** The start of the bucket {@code time} falls in, in epoch milliseconds. */
    public long bucketOf(Instant time) {
        // UTC hours and days are whole multiples of their length since the epoch (no leap seconds in Instant).
        return Math.floorDiv(time.toEpochMilli(), millis) * millis;
    }
}
