package com.mustbeviral.gateway.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem answered by the gateway itself (not by an upstream), so that every error a
 * client sees has the same {@code application/problem+json} shape as the services' own errors.
 */
public record ProblemResponse(int status, String detail, String instance) {

    /** Media type of every problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** {@code about:blank}: the status code says it all, the title is its standard phrase. */
    static final String TYPE = "about:blank";

    /** The standard reason phrase of the status, as RFC 9457 asks for {@code about:blank} problems. */
    public String title() {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    /** The problem as JSON bytes. */
    public Buffer body() {
        return new JsonObject()
                .put("type", TYPE)
                .put("title", title())
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .toBuffer();
    }

    /** Answers {@code response} with this problem, unless something already started answering it. */
    public void sendTo(HttpServerResponse response) {
        if (response.headWritten()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(body());
    }

    /** Whether a body was announced for {@code request} and not yet read. */
    public static boolean bodyPending(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return !request.isEnded() && (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || length != null && !"0".equals(length));
    }

    /**
     * Closes an HTTP/1 connection once the answer is out when the request body was not read: the
     * rest of it would otherwise be taken for the next request. Through the routing context's end
     * handlers, not the response's one end handler, which would replace the access log's.
     */
    public static void closeAfterAnswer(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.version() == HttpVersion.HTTP_2) {
            return; // HTTP/2 forbids the header, and ending the stream is enough there
        }
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.addEndHandler(v -> request.connection().close());
    }
}
