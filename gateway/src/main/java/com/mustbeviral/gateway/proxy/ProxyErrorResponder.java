package com.mustbeviral.gateway.proxy;

import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Turns a failed upstream call into a problem: 504 when the upstream stayed silent past its timeout,
 * 502 for anything else (refused, reset, unknown host). Internal addresses and exception text stay in
 * the log: the client learns only which service failed.
 */
final class ProxyErrorResponder {

    private static final Logger LOG = Logger.getLogger(ProxyErrorResponder.class);

    private final String upstream;
    private final Duration timeout;

    ProxyErrorResponder(String upstream, Duration timeout) {
        this.upstream = upstream;
        this.timeout = timeout;
    }

    ProblemResponse problemFor(HttpServerRequest client, Throwable failure) {
        String path = client.path();
        String requestId = client.getHeader(RequestIdPolicy.HEADER);
        if (failure instanceof TimeoutException) {
            LOG.warnf("%s %s [%s]: %s upstream silent for %d ms", client.method(), path, requestId, upstream,
                    timeout.toMillis());
            return new ProblemResponse(504, "The " + upstream + " service did not answer in time", path);
        }
        LOG.warnf("%s %s [%s]: %s upstream unreachable: %s", client.method(), path, requestId, upstream, failure);
        return new ProblemResponse(502, "The " + upstream + " service is unreachable", path);
    }

    /** Logs a failure after the response had started: the client's connection is cut, not answered. */
    void cutShort(HttpServerRequest client, Throwable failure) {
        LOG.warnf("%s %s [%s]: %s upstream failed mid-response, connection closed: %s", client.method(),
                client.path(), client.getHeader(RequestIdPolicy.HEADER), upstream, failure);
    }
}
