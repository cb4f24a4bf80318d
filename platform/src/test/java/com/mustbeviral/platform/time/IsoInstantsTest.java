package com.mustbeviral.platform.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast path agrees with java.time on the fleet's form and leaves every other form to it. */
class IsoInstantsTest {

    @Test
    void theFleetsFormReadsAsJavaTimeReadsIt() {
        for (String text : List.of("2026-12-04T22:00:00Z", "2026-12-01T00:00:00.000Z", "2024-02-29T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2026-12-04T22:44:36.123456Z", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.1Z")) {
            assertEquals(Instant.parse(text), IsoInstants.utc(text), text);
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
        }
    }

    @Test
    void otherFormsGoTheStandardWay() {
        for (String text : List.of("2026-12-04T23:00:00+01:00", "2026-12-04T22:00Z", "2026-12-04T22:00:00.Z",
                "2026-12-04T22:00:00.1234567890Z", "+12026-12-04T22:00:00Z", "2026-12-04 22:00:00Z",
                "2026-12-04T22:00:00z")) {
            assertNull(IsoInstants.utc(text), text);
        }
        assertEquals(OffsetDateTime.parse("2026-12-04T23:00:00+01:00").toInstant(),
                IsoInstants.parse("2026-12-04T23:00:00+01:00"));
    }

    @Test
    void invalidDatesAndTimesAreTheStandardErrors() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-04T24:00:00Z",
                "2026-12-04T22:60:00Z", "2026-12-04T22:00:61Z", "2026-1a-04T22:00:00Z")) {
            assertNull(IsoInstants.utc(text), text);
            assertThrows(DateTimeParseException.class, () -> IsoInstants.parse(text), text);
        }
    }

    @Test
    void theDeserializerReadsJsonAsJacksonDoes() throws Exception {
        ObjectMapper standard = new ObjectMapper().registerModule(new JavaTimeModule());
        ObjectMapper fast = new ObjectMapper().registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstants.Deserializer()));
        for (String json : List.of("\"2026-12-04T22:00:00.250Z\"", "\"2026-12-04T23:00:00+01:00\"", "1733349600",
                "1733349600.5", "null")) {
            assertEquals(standard.readValue(json, Instant.class), fast.readValue(json, Instant.class), json);
        }
        assertThrows(Exception.class, () -> fast.readValue("\"2026-02-30T00:00:00Z\"", Instant.class));
    }
}
