package com.mustbeviral.platform.time;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * ISO-8601 instants as the fleet writes them ({@code 2026-12-04T22:00:00.123Z}: UTC, four-digit year,
 * up to nine fraction digits), read without {@code DateTimeFormatter}, whose parse allocates a map of
 * fields per call: profiled as the largest share of a consumer's CPU per event (a usage event carries
 * four instants). Anything of another form (an offset, a leap second, an extended year) goes the
 * standard way, so the results and the errors are the standard ones.
 */
public final class IsoInstants {

    private static final int[] SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private IsoInstants() {
    }

    /** {@code text} as an instant: the fleet's form quickly, else as {@link OffsetDateTime#parse} reads it. */
    public static Instant parse(String text) {
        Instant instant = utc(text);
        return instant != null ? instant : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code text} if it is of the form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} and a valid time, else null. */
    public static Instant utc(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = length > 20 ? digits(text, 20, length - 21) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the standard parse reports it
        }
        int nanos = length > 20 ? fraction * SCALE[9 - (length - 21)] : 0;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Jackson's {@link Instant} deserializer with the fast path in front: register it on a mapper
     * (or a copy of one) whose payloads carry many instants.
     */
    public static final class Deserializer extends StdScalarDeserializer<Instant> {

        public Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = utc(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
