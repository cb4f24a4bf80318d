package com.mustbeviral.gateway.observability;

import java.time.format.DateTimeFormatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.AsyncHandler;

/**
 * Prints an access-log record as one flat JSON object: the record's {@code timestamp},
 * {@code level} and {@code loggerName}, then the request's own fields, as Kong's or Envoy's JSON
 * access logs have them. In every profile, so that dev, tests and production print the same shape.
 * Quarkus' JSON formatter (prod) would instead escape the request's object into the
 * {@code message} string of a ~560-byte record carrying host, process, thread and MDC, so that
 * readers had to parse each line twice; this one is about half as long.
 */
final class AccessRecordFormat extends ExtFormatter {

    @Override
    public String format(ExtLogRecord record) {
        String message = record.getFormattedMessage();
        StringBuilder line = new StringBuilder(message.length() + 96);
        line.append("{\"timestamp\":\"");
        DateTimeFormatter.ISO_INSTANT.formatTo(record.getInstant(), line);
        line.append("\",\"level\":\"").append(record.getLevel().getName());
        line.append("\",\"loggerName\":");
        AccessLog.string(line, record.getLoggerName());
        if (message.startsWith("{\"") && message.endsWith("}")) {
            // An access-log line (AccessLog writes every one with its fields): they join the record's.
            line.append(',').append(message, 1, message.length());
        } else {
            // Anything else logged on the category stays readable as a message.
            line.append(",\"message\":");
            AccessLog.string(line, message);
            line.append('}');
        }
        return line.append('\n').toString();
    }

    /**
     * No source class, method or line is printed. Left at ExtFormatter's default (true), every
     * record would have its caller found by a walk of the event loop's stack as it is queued.
     */
    @Override
    public boolean isCallerCalculationRequired() {
        return false;
    }

    /** Puts this format on the handlers that print the log {@code category}, inside an async handler or not. */
    static void install(String category) {
        for (Handler handler : Logger.getLogger(category).getHandlers()) {
            Handler[] outputs = handler instanceof AsyncHandler async ? async.getHandlers() : new Handler[] {handler};
            for (Handler output : outputs) {
                if (output instanceof ExtHandler) {
                    output.setFormatter(new AccessRecordFormat());
                }
            }
        }
    }
}
