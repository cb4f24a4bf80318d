package com.mustbeviral.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Turns a failed upstream call into a problem response: 504 when the upstream stayed silent past
 * its timeout, 413 when a streamed body went over the limit, 502 for anything else (refused,
 * reset, unknown host). The library alone would answer an empty 502 for all of them.
 */
final class ProxyErrorResponder implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(ProxyErrorResponder.class);

    private final String upstream;
    private final Duration timeout;
    private final BodySizeLimit bodySizeLimit;

    ProxyErrorResponder(String upstream, Duration timeout, BodySizeLimit bodySizeLimit) {
        this.upstream = upstream;
        this.timeout = timeout;
        this.bodySizeLimit = bodySizeLimit;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> Future.succeededFuture(problemFor(context, failure)));
    }

    private ProxyResponse problemFor(ProxyContext context, Throwable failure) {
        HttpServerRequest client = context.request().proxiedRequest();
        ProblemResponse problem;
        if (BodySizeLimit.exceeded(context)) {
            BodySizeLimit.closeAfterAnswer(client);
            problem = bodySizeLimit.tooLarge(client);
        } else {
            problem = upstreamFailure(client, failure);
        }
        ProxyResponse response = context.request().release().response();
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", ProblemResponse.MEDIA_TYPE)
                .setBody(Body.body(problem.body()));
        return response;
    }

    private ProblemResponse upstreamFailure(HttpServerRequest client, Throwable failure) {
        String path = client.path();
        // Internal addresses and exception text stay in the log: the client learns only which service failed.
        String requestId = client.getHeader(RequestIdPolicy.HEADER);
        if (failure instanceof TimeoutException) {
            LOG.warnf("%s %s [%s]: %s upstream silent for %d ms", client.method(), path, requestId, upstream,
                    timeout.toMillis());
            return new ProblemResponse(504, "The " + upstream + " service did not answer in time", path);
        }
        LOG.warnf("%s %s [%s]: %s upstream unreachable: %s", client.method(), path, requestId, upstream, failure);
        return new ProblemResponse(502, "The " + upstream + " service is unreachable", path);
    }
}
