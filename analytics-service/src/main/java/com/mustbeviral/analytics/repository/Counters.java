package com.mustbeviral.analytics.repository;

import com.mustbeviral.analytics.EventType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** One counter per event type, in {@link EventType} order: a rollup row's or a content's numbers. */
public final class Counters {

    private static final EventType[] TYPES = EventType.values();

    /** The counter columns, comma separated, in {@link EventType} order. */
    public static final String COLUMNS = Arrays.stream(TYPES).map(EventType::counter).collect(Collectors.joining(", "));

    private final long[] values = new long[TYPES.length];

    public void add(EventType type, long n) {
        values[type.ordinal()] += n;
    }

    public void add(Counters other) {
        for (int i = 0; i < values.length; i++) {
            values[i] += other.values[i];
        }
    }

    public long get(EventType type) {
        return values[type.ordinal()];
    }

    public boolean isZero() {
        return Arrays.stream(values).allMatch(v -> v == 0);
    }

    /** Binds the counters, times {@code sign}, from parameter {@code first} on. */
    void bind(PreparedStatement ps, int first, int sign) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setLong(first + i, sign * values[i]);
        }
    }

    /** Reads the counters from column {@code first} on. */
    static Counters read(ResultSet rs, int first) throws SQLException {
        Counters counters = new Counters();
        for (int i = 0; i < counters.values.length; i++) {
            counters.values[i] = rs.getLong(first + i);
        }
        return counters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counters other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
