package com.mustbeviral.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class AccessLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("gateway.access").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("gateway.access").removeHandler(capture);
    }

    @Test
    void writesOneJsonLinePerProxiedRequestWithCallerAndUpstream() {
        TestTokens token = TestTokens.user();
        given().header("Authorization", token.asBearer()).header("X-Request-Id", "log-proxied-1")
                .get("/api/billing/plans?x=1").then().statusCode(200);

        JsonObject line = lineOf("log-proxied-1");
        assertEquals("GET", line.getString("method"));
        assertEquals("/api/billing/plans", line.getString("path"));
        assertEquals(200, line.getInteger("status"));
        assertTrue(line.getDouble("duration_ms") >= 0);
        assertEquals(token.claimValue("sub"), line.getString("user_id"));
        assertEquals("billing", line.getString("upstream"));
    }

    @Test
    void logsRefusedRequestsWithoutCaller() {
        given().header("X-Request-Id", "log-refused-1").get("/api/content/1").then().statusCode(401);

        JsonObject line = lineOf("log-refused-1");
        assertEquals(401, line.getInteger("status"));
        assertNull(line.getString("user_id"));
        assertEquals("content", line.getString("upstream"));
    }

    @Test
    void namesThePartnerClientOfAPartnerCall() {
        given().header("Authorization", TestTokens.partner("acme-analytics", "analytics:read").asBearer())
                .header("X-Request-Id", "log-partner-1")
                .get("/api/analytics/overview").then().statusCode(200);

        assertEquals("acme-analytics", lineOf("log-partner-1").getString("client_id"));
    }

    @Test
    void theAsyncHandlerFlushesTheConsoleOncePerBurst() {
        // The console inside the async handler leaves flushing to it (BurstWrites), which flushes
        // whenever its queue runs empty.
        AsyncHandler async = accessAsyncHandler();
        assertTrue(async.isAutoFlush());
        Handler[] inner = async.getHandlers();
        assertTrue(inner.length > 0);
        for (Handler console : inner) {
            assertFalse(((ExtHandler) console).isAutoFlush(), console.toString());
        }
    }

    @Test
    void theConsolePrintsEachLineAsOneFlatJsonRecord() {
        given().header("X-Request-Id", "log-printed-1").get("/api/content/1").then().statusCode(401);
        ExtLogRecord record = new ExtLogRecord(Level.INFO, lineOf("log-printed-1").encode(),
                ExtLogRecord.FormatStyle.NO_FORMAT, AccessLogTest.class.getName());
        record.setLoggerName("gateway.access");

        Handler console = accessAsyncHandler().getHandlers()[0];
        JsonObject printed = new JsonObject(console.getFormatter().format(record));

        assertEquals("gateway.access", printed.getString("loggerName"));
        assertEquals(record.getInstant().toString(), printed.getString("timestamp"));
        assertEquals("log-printed-1", printed.getString("request_id"));
        assertEquals(401, printed.getInteger("status"));
    }

    private static AsyncHandler accessAsyncHandler() {
        List<AsyncHandler> asyncHandlers = Arrays.stream(Logger.getLogger("gateway.access").getHandlers())
                .filter(AsyncHandler.class::isInstance).map(AsyncHandler.class::cast).toList();
        assertEquals(1, asyncHandlers.size());
        return asyncHandlers.get(0);
    }

    private JsonObject lineOf(String requestId) {
        // Written when the response ends, which can be just after the client has it.
        return await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream()
                .map(JsonObject::new)
                .filter(l -> requestId.equals(l.getString("request_id")))
                .findFirst(), Optional::isPresent).orElseThrow();
    }
}
