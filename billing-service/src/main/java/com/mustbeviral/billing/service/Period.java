package com.mustbeviral.billing.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A billing period [start, end). Subscriptions' periods follow their billing anchor (the anchor
 * plus whole intervals, so a period anchored on the 31st ends on the last day of shorter months);
 * a user without a subscription counts by calendar month (UTC), as content does.
 */
public record Period(Instant start, Instant end) {

    /** The calendar month (UTC) that contains {@code now}. */
    public static Period calendarMonth(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        return new Period(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The {@code index}-th period after {@code anchor} (0: the one starting at the anchor). */
    public static Period nth(Instant anchor, String interval, long index) {
        return new Period(boundary(anchor, interval, index), boundary(anchor, interval, index + 1));
    }

    /** The period after {@code current} on the same anchor. */
    public static Period following(Instant anchor, String interval, Period current) {
        long index = 0;
        while (boundary(anchor, interval, index).isBefore(current.end())) {
            index++;
        }
        return nth(anchor, interval, index);
    }

    private static Instant boundary(Instant anchor, String interval, long index) {
        ZonedDateTime start = anchor.atZone(ZoneOffset.UTC);
        return ("year".equals(interval) ? start.plusYears(index) : start.plusMonths(index)).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
