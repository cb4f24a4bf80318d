package com.mustbeviral.gateway.observability;

import com.mustbeviral.gateway.admission.Admission;
import com.mustbeviral.gateway.auth.AccessToken;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One JSON line per request on the log category {@code gateway.access}, written when the response
 * ends: method, path, status, duration, request id, caller (user and partner client) and upstream.
 * The category has a handler of its own that prints the message alone, so each line is a JSON object.
 */
public final class AccessLog implements Handler<RoutingContext> {

    /** Log category of the access log. */
    public static final String CATEGORY = "gateway.access";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final Function<RoutingContext, String> upstreamOf;

    /** {@code upstreamOf} names the upstream a request went to, or null for the gateway's own answers. */
    public AccessLog(Function<RoutingContext, String> upstreamOf) {
        this.upstreamOf = upstreamOf;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> {
            if (LOG.isInfoEnabled()) {
                LOG.info(line(ctx, start));
            }
        });
        ctx.next();
    }

    private String line(RoutingContext ctx, long start) {
        AccessToken token = ctx.get(Admission.TOKEN);
        JsonObject line = new JsonObject()
                .put("method", ctx.request().method().name())
                .put("path", ctx.request().path())
                .put("status", ctx.response().getStatusCode())
                .put("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
                .put("request_id", ctx.request().getHeader("X-Request-Id"))
                .put("user_id", token == null ? null : token.userId())
                .put("client_id", token == null ? null : token.clientId())
                .put("upstream", upstreamOf.apply(ctx));
        return line.encode();
    }
}
