package com.mustbeviral.gateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

class AccessRecordFormatTest {

    private static final String LINE = "{\"method\":\"GET\",\"path\":\"/api/billing/plans\",\"status\":200,"
            + "\"duration_ms\":1.5,\"request_id\":\"r-1\",\"user_id\":\"u-1\",\"client_id\":null,\"upstream\":\"billing\"}";

    private final AccessRecordFormat format = new AccessRecordFormat();

    @Test
    void printsTheRequestsFieldsBesideTheRecordsTimeLevelAndCategory() {
        ExtLogRecord record = record(LINE);

        String printed = format.format(record);

        assertTrue(printed.endsWith("}\n"), printed);
        assertEquals(1, printed.lines().count());
        JsonObject json = new JsonObject(printed);
        assertEquals(record.getInstant().toString(), json.getString("timestamp"));
        assertEquals("INFO", json.getString("level"));
        assertEquals("gateway.access", json.getString("loggerName"));
        assertEquals("GET", json.getString("method"));
        assertEquals("/api/billing/plans", json.getString("path"));
        assertEquals(200, json.getInteger("status"));
        assertEquals(1.5, json.getDouble("duration_ms"));
        assertEquals("r-1", json.getString("request_id"));
        assertEquals("u-1", json.getString("user_id"));
        assertNull(json.getString("client_id"));
        assertEquals("billing", json.getString("upstream"));
        assertNull(json.getValue("message"), "the request's object is not escaped into a message");
    }

    @Test
    void keepsAnyOtherMessageAsAnEscapedMessage() {
        JsonObject json = new JsonObject(format.format(record("not an \"object\"\nat all")));

        assertEquals("not an \"object\"\nat all", json.getString("message"));
        assertEquals("INFO", json.getString("level"));
        assertEquals("{}", new JsonObject(format.format(record("{}"))).getString("message"));
    }

    @Test
    void needsNoCallerSoNoStackIsWalkedPerRecord() {
        assertFalse(format.isCallerCalculationRequired());
    }

    @Test
    void replacesTheFormatOfTheCategorysOutputsInsideAndOutsideAnAsyncHandler() {
        Logger logger = Logger.getLogger("access-record-format-test." + UUID.randomUUID());
        ConsoleHandler direct = new ConsoleHandler(new PatternFormatter("%s%n"));
        ConsoleHandler wrapped = new ConsoleHandler(new PatternFormatter("%s%n"));
        AsyncHandler async = new AsyncHandler();
        async.addHandler(wrapped);
        logger.addHandler(direct);
        logger.addHandler(async);
        try {
            AccessRecordFormat.install(logger.getName());

            assertInstanceOf(AccessRecordFormat.class, direct.getFormatter());
            assertInstanceOf(AccessRecordFormat.class, wrapped.getFormatter());
        } finally {
            logger.removeHandler(direct);
            logger.removeHandler(async);
            async.close();
        }
    }

    private static ExtLogRecord record(String message) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, ExtLogRecord.FormatStyle.NO_FORMAT,
                AccessRecordFormatTest.class.getName());
        record.setLoggerName(AccessLog.CATEGORY);
        record.setInstant(Instant.parse("2026-11-26T05:15:20.365991009Z"));
        return record;
    }
}
