package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.repository.Granularity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** A dashboard's time series step: hours from the hourly rollups; days, weeks (Monday on) and months from the daily ones. */
public enum Period {
    HOUR(Granularity.HOUR), DAY(Granularity.DAY), WEEK(Granularity.DAY), MONTH(Granularity.DAY);

    private final Granularity rollups;

    Period(Granularity rollups) {
        this.rollups = rollups;
    }

    /** The rollups this period adds up. */
    public Granularity rollups() {
        return rollups;
    }

    public static Optional<Period> named(String name) {
        for (Period period : values()) {
            if (period.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    /** The start of the period {@code time} falls in (UTC). */
    public Instant floor(Instant time) {
        if (this == HOUR) {
            return time.truncatedTo(ChronoUnit.HOURS);
        }
        LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the period after the one starting at {@code start}. */
    public Instant next(Instant start) {
        return switch (this) {
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> start.plus(1, ChronoUnit.DAYS);
            case WEEK -> start.plus(7, ChronoUnit.DAYS);
            case MONTH -> start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        };
    }
}
