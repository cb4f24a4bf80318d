package com.mustbeviral.gateway.proxy;

import com.mustbeviral.gateway.ratelimit.TrustedProxies;
import io.netty.util.concurrent.MultithreadEventExecutorGroup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * Forwards requests to one upstream over keep-alive connections of Quarkus' own Vert.x, streaming
 * bodies both ways without buffering them. Written directly on Vert.x' HTTP client rather than on
 * vertx-http-proxy: no interceptor chain, futures and header copies per request, and control over
 * which event loop's pool a request uses.
 */
final class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final boolean https;
    private final long timeoutMs;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    private final ProxyMetrics metrics;
    private final ProxyErrorResponder errors;
    private final BodySizeLimit bodySizeLimit;
    /** One client (with its own pool) per event loop, by its Netty loop; see {@link #client()}. */
    private final ConcurrentMap<Object, HttpClient> clientsByLoop = new ConcurrentHashMap<>();

    UpstreamProxy(Vertx vertx, String name, URI url, Duration timeout, int poolSize, ProxyMetrics metrics,
            BodySizeLimit bodySizeLimit) {
        this.vertx = vertx;
        this.https = "https".equalsIgnoreCase(url.getScheme());
        this.host = url.getHost();
        this.port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        this.timeoutMs = timeout.toMillis();
        this.metrics = metrics;
        this.errors = new ProxyErrorResponder(name, timeout);
        this.bodySizeLimit = bodySizeLimit;
        // Pipelining stays off: one slow response would hold up every request queued behind it.
        this.clientOptions = new HttpClientOptions().setKeepAlive(true).setPipelining(false).setName("upstream-" + name);
        // The configured pool size is the total; each event loop gets its share.
        this.poolOptions = new PoolOptions().setHttp1MaxSize(Math.max(1, ceilDiv(poolSize, eventLoops(vertx))));
    }

    /** Sends the request of {@code ctx} upstream and its answer back; answers 413, 502 or 504 problems itself. */
    void forward(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        in.pause(); // until the upstream request can take the body
        long start = System.nanoTime();
        // The timeout covers both waiting for a pooled connection and silence on the response:
        // either way the client would wait on an upstream that is not answering.
        RequestOptions options = new RequestOptions().setHost(host).setPort(port).setSsl(https)
                .setMethod(in.method()).setURI(in.uri()).setTimeout(timeoutMs);
        client().request(options).onComplete(opened -> {
            if (opened.succeeded()) {
                send(ctx, opened.result(), start);
            } else {
                metrics.upstreamAnswered(start);
                fail(ctx, opened.cause(), false);
            }
        });
    }

    private void send(RoutingContext ctx, HttpClientRequest upstream, long start) {
        HttpServerRequest in = ctx.request();
        ForwardingHeaders.copyRequest(in, upstream.headers(), ctx.get(TrustedProxies.CLIENT_ADDRESS),
                ctx.get(TrustedProxies.FORWARDED_PROTO));
        if (in.authority() != null) {
            upstream.authority(in.authority()); // the Host the client asked for, as the proxy library sent it
        }
        // Failures reach the response future below; without a handler of its own Vert.x would also
        // log each one (e.g. the reset of an oversized upload) as an error.
        upstream.exceptionHandler(failure -> LOG.debugf("Upstream request failed: %s", failure));
        // A client that goes away must not leave its upstream request holding a pooled connection.
        ctx.response().exceptionHandler(failure -> upstream.reset());
        boolean[] tooLarge = {false};
        if (hasBody(in)) {
            ReadStream<Buffer> body = in;
            if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                // A declared length was checked by BodySizeLimit already; a chunked body is counted as it streams.
                upstream.setChunked(true);
                body = new CappedBodyStream(in, bodySizeLimit.maxBytes(), () -> tooLarge[0] = true);
            }
            // Not ended on failure: a cut-off body must not reach the upstream as a complete one.
            body.pipe().endOnFailure(false).to(upstream).onFailure(failure -> upstream.reset(0, failure));
        } else {
            upstream.end();
            in.resume(); // lets the request's end through, so that the connection can serve the next one
        }
        upstream.response().onComplete(answered -> {
            metrics.upstreamAnswered(start);
            if (answered.succeeded()) {
                relay(ctx, upstream, answered.result());
            } else {
                fail(ctx, answered.cause(), tooLarge[0]);
            }
        });
    }

    private void relay(RoutingContext ctx, HttpClientRequest upstream, HttpClientResponse answer) {
        HttpServerResponse out = ctx.response();
        if (out.closed()) {
            upstream.reset();
            return;
        }
        out.setStatusCode(answer.statusCode());
        ForwardingHeaders.copyResponse(answer.headers(), out.headers());
        if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(ctx.request().method(), answer.statusCode())) {
            out.setChunked(true);
        }
        metrics.sent(answer.statusCode());
        answer.pipe().endOnFailure(false).to(out).onFailure(failure -> {
            // Cut, not ended: a clean end would pass a truncated body off as a whole one, and a
            // connection left waiting would hang the client.
            errors.cutShort(ctx.request(), failure);
            upstream.reset();
            out.reset();
        });
    }

    private void fail(RoutingContext ctx, Throwable failure, boolean bodyTooLarge) {
        HttpServerRequest in = ctx.request();
        ProblemResponse problem = bodyTooLarge ? bodySizeLimit.tooLarge(in) : errors.problemFor(in, failure);
        if (!in.isEnded()) {
            ProblemResponse.closeAfterAnswer(ctx); // the rest of the body was never read
        }
        metrics.sent(problem.status());
        problem.sendTo(ctx.response());
    }

    /**
     * The calling event loop's client. A connection serves its events on the loop that opened it; a
     * pool shared by all loops hands a request from one loop a connection of another, and every event
     * of that request then hops between threads. One pool per loop keeps a request on one thread.
     */
    private HttpClient client() {
        Context context = Vertx.currentContext();
        Object loop = context instanceof ContextInternal internal ? internal.nettyEventLoop() : Thread.currentThread();
        HttpClient client = clientsByLoop.get(loop);
        return client != null ? client : clientsByLoop.computeIfAbsent(loop,
                l -> vertx.createHttpClient(clientOptions, poolOptions));
    }

    void close() {
        clientsByLoop.values().forEach(HttpClient::close);
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !"0".equals(length.trim()) : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    private static int eventLoops(Vertx vertx) {
        return vertx instanceof VertxInternal internal && internal.getEventLoopGroup() instanceof MultithreadEventExecutorGroup group
                ? group.executorCount() : 1;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
