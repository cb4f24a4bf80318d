package com.mustbeviral.gateway.observability;

import com.mustbeviral.gateway.admission.Admission;
import com.mustbeviral.gateway.auth.AccessToken;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One JSON line per request on the log category {@code gateway.access}, made when the response
 * ends: method, path, status, duration, request id, caller (user and partner client) and upstream.
 * The category has a handler of its own, which prints each record as one flat JSON object with the
 * record's time, level and category ({@link AccessRecordFormat}).
 * An event loop hands its lines to the logger together once it has handled the sockets of its
 * current pass ({@link LoopLines}), so that the log's asynchronous handler thread is woken once per
 * pass rather than once per line, and that handler writes the lines of a burst together ({@link BurstWrites}).
 */
public final class AccessLog {

    /** Log category of the access log. */
    public static final String CATEGORY = "gateway.access";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final Function<RoutingContext, String> upstreamOf;

    /** {@code upstreamOf} names the upstream a request went to, or null for the gateway's own answers. */
    public AccessLog(Function<RoutingContext, String> upstreamOf) {
        this.upstreamOf = upstreamOf;
        AccessRecordFormat.install(CATEGORY);
        BurstWrites.enable(CATEGORY);
    }

    /** Starts the clock of {@code ctx}'s request and writes its line when the response ends. */
    public void start(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> {
            if (LOG.isInfoEnabled()) {
                LoopLines.write(line(ctx, start));
            }
        });
    }

    private String line(RoutingContext ctx, long start) {
        // Written by hand: a JsonObject and its Jackson encoder per request were a visible share of the CPU.
        AccessToken token = ctx.get(Admission.TOKEN);
        StringBuilder json = new StringBuilder(256);
        json.append("{\"method\":");
        string(json, ctx.request().method().name());
        json.append(",\"path\":");
        string(json, ctx.request().path());
        json.append(",\"status\":").append(ctx.response().getStatusCode());
        json.append(",\"duration_ms\":").append((System.nanoTime() - start) / 1_000_000.0);
        json.append(",\"request_id\":");
        string(json, ctx.request().getHeader("X-Request-Id"));
        json.append(",\"user_id\":");
        string(json, token == null ? null : token.userId());
        json.append(",\"client_id\":");
        string(json, token == null ? null : token.clientId());
        json.append(",\"upstream\":");
        string(json, upstreamOf.apply(ctx));
        return json.append('}').toString();
    }

    /** {@code value} as a JSON string (RFC 8259 7), or {@code null}. */
    static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
