package com.mustbeviral.gateway;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The gateway's access-log lines while it listens: {@link #start} before a test, {@link #stop} after. */
final class AccessLines extends Handler {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    void start() {
        Logger.getLogger("gateway.access").addHandler(this);
    }

    void stop() {
        Logger.getLogger("gateway.access").removeHandler(this);
    }

    /** The line of the request with this {@code X-Request-Id}, waiting for it (written as the response ends). */
    JsonObject of(String requestId) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream()
                .map(JsonObject::new)
                .filter(l -> requestId.equals(l.getString("request_id")))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

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
}
