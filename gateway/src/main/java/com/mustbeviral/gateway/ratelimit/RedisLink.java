package com.mustbeviral.gateway.ratelimit;

import com.mustbeviral.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The rate limiter's connections to Redis: one pipelined connection per event loop, opened on that
 * loop by a client of that loop, so that a request's script goes out and its reply comes back on the thread already serving
 * the request: no pool to wait for and no hand-over between threads (measured: the hand-overs to a
 * shared connection cost more than the script). The commands a loop sends during one pass go out
 * in one write ({@link LoopPipeline}), and none waits longer than {@code gateway.rate-limit.redis-timeout}.
 * Once a command fails or times out the link counts
 * as down, requests stop waiting on it, and a probe asks Redis (loading the rate-limit script) until
 * it answers again. Logging is rate-limited: one line when Redis goes, a reminder at most every
 * 30 s while it stays away, one line when it is back.
 */
@Singleton
public class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class);
    private static final long REMINDER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Vertx vertx;
    private final RedisOptions options;
    /** For callers off the event loops; requests use their loop's client. */
    private final Redis redis;
    /** Per event loop (by its Netty loop), a client made on that loop; see {@link #clientFor}. */
    private final ConcurrentMap<Object, Redis> clientsByLoop = new ConcurrentHashMap<>();
    private final Redis probeClient;
    private final long probeIntervalMs;
    private final long probeTimeoutMs;
    private final long timeoutMs;

    /** Per event loop (by its Netty loop), the connection opened on it. */
    private final ConcurrentMap<Object, Future<RedisConnection>> byLoop = new ConcurrentHashMap<>();
    /** Per event loop (by its Netty loop), the commands it gathers for its next write. */
    private final ConcurrentMap<Object, LoopPipeline> pipelines = new ConcurrentHashMap<>();
    private volatile boolean available;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong downSince = new AtomicLong();
    private final AtomicLong lastReminder = new AtomicLong();

    RedisLink(Vertx vertx, GatewayConfig config, @ConfigProperty(name = "quarkus.redis.hosts") String hosts) {
        this.vertx = vertx;
        // The first host of the fleet's Redis setting: the rate limiter needs one Redis, not a cluster.
        // Connections are held, never returned, so the pool only needs room for one per event loop.
        RedisOptions options = new RedisOptions()
                .setConnectionString(hosts.split(",")[0].trim())
                .setMaxPoolSize(64)
                .setMaxPoolWaiting(64)
                .setMaxWaitingHandlers(16_384);
        this.options = options;
        this.redis = Redis.createClient(vertx, options);
        // Probe connections are returned to a pool when done; a pool of their own keeps them from
        // being handed to an event loop as its connection, bound to the wrong thread.
        this.probeClient = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(2));
        this.probeIntervalMs = config.rateLimit().redisProbeInterval().toMillis();
        this.timeoutMs = config.rateLimit().redisTimeout().toMillis();
        // The probe may take longer than a request: it may also open a connection.
        this.probeTimeoutMs = Math.max(timeoutMs, probeIntervalMs);
    }

    void connectAtStartup(@Observes StartupEvent start) {
        vertx.runOnContext(v -> probe(-1));
    }

    /** Whether requests should ask Redis; false while it is down and being probed. */
    public boolean available() {
        return available;
    }

    /**
     * Sends {@code request} on the calling event loop's connection (opening it first if needed), in
     * the loop's next write; fails with a {@link java.util.concurrent.TimeoutException} when Redis does
     * not answer within the rate limiter's timeout.
     */
    Future<Response> send(Request request) {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isEventLoopContext()) {
            LoopPipeline pipeline = pipelines.get(internal.nettyEventLoop());
            if (pipeline == null) {
                pipeline = pipelines.computeIfAbsent(internal.nettyEventLoop(), loop -> pipelineFor(internal));
            }
            return pipeline.send(request);
        }
        // Not on an event loop (no request is): the command on its own, with the same bound on the wait.
        return connectionFor(context).compose(c -> c.send(request)).timeout(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private LoopPipeline pipelineFor(ContextInternal context) {
        // A plain context of the loop, not the first request's, whose locals the pipeline would keep.
        ContextInternal onLoop = plainContextOf(context);
        return new LoopPipeline(vertx, task -> onLoop.runOnContext(v -> task.run()), () -> connectionFor(onLoop), timeoutMs);
    }

    private Future<RedisConnection> connectionFor(Context context) {
        Object loop = context instanceof ContextInternal internal ? internal.nettyEventLoop() : Thread.currentThread();
        Future<RedisConnection> connection = byLoop.get(loop);
        return connection != null ? connection : byLoop.computeIfAbsent(loop, l -> open(context));
    }

    /** Called when a command failed or took too long: stop asking Redis until the probe hears from it. */
    void markDown(Throwable cause) {
        if (available) {
            available = false;
            downSince.set(System.nanoTime());
            lastReminder.set(System.nanoTime());
            LOG.warnf("Redis unavailable for rate limits (%s); limiting in-process until it answers again", describe(cause));
        }
        if (probing.compareAndSet(false, true)) {
            vertx.setPeriodic(probeIntervalMs, this::probe);
        }
    }

    private Future<RedisConnection> open(Context context) {
        Future<RedisConnection> opening = clientFor(context).connect();
        opening.onSuccess(fresh -> {
            fresh.exceptionHandler(failure -> lost(opening, fresh, failure));
            fresh.endHandler(end -> lost(opening, fresh, new IllegalStateException("connection closed")));
        }).onFailure(failure -> byLoop.values().remove(opening));
        return opening;
    }

    /**
     * The client for the caller's event loop. A Redis client opens all its connections on the loop of
     * the context current when the client was made, whichever loop later asks: one client for all
     * loops put every connection on one loop, and each reply to a request of another loop crossed
     * threads twice (measured: a selector wake-up per request). So each loop gets a client made
     * inside a plain context of that loop (not a request's context, whose locals it would keep).
     */
    private Redis clientFor(Context context) {
        if (!(context instanceof ContextInternal internal) || !internal.isEventLoopContext()) {
            return redis;
        }
        return clientsByLoop.computeIfAbsent(internal.nettyEventLoop(), loop -> {
            ContextInternal onLoop = plainContextOf(internal);
            Redis[] made = new Redis[1];
            onLoop.dispatch(v -> made[0] = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(4)));
            return made[0];
        });
    }

    private ContextInternal plainContextOf(ContextInternal context) {
        return ((VertxInternal) vertx).createEventLoopContext(context.nettyEventLoop(), context.workerPool(),
                context.classLoader());
    }

    private void probe(long timerId) {
        // Its own short-lived connection: a loop's connection may be stuck behind a frozen Redis.
        probeClient.connect()
                .compose(c -> c.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(RedisRateLimiter.SCRIPT))
                        .eventually(() -> c.close()))
                .timeout(probeTimeoutMs, TimeUnit.MILLISECONDS)
                .onSuccess(loaded -> up(timerId))
                .onFailure(failure -> stillDown(timerId, failure));
    }

    private void up(long timerId) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        probing.set(false);
        if (!available) {
            available = true;
            if (downSince.get() != 0) {
                LOG.infof("Redis is back; rate limits are held in Redis again after %d s",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSince.get()));
            }
        }
    }

    private void stillDown(long timerId, Throwable failure) {
        if (timerId < 0) {
            // The first attempt at startup: start probing as after any failure.
            available = true;
            markDown(failure);
            return;
        }
        LOG.debugf("Redis probe failed: %s", describe(failure));
        long now = System.nanoTime();
        long last = lastReminder.get();
        if (now - last >= REMINDER_NANOS && lastReminder.compareAndSet(last, now)) {
            LOG.warnf("Redis still unavailable for rate limits after %d s (%s)",
                    TimeUnit.NANOSECONDS.toSeconds(now - downSince.get()), describe(failure));
        }
    }

    private void lost(Future<RedisConnection> entry, RedisConnection connection, Throwable failure) {
        // The next request on that loop opens a new connection (once Redis is available again).
        if (byLoop.values().remove(entry)) {
            connection.close();
            markDown(failure);
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @PreDestroy
    void close() {
        redis.close();
        clientsByLoop.values().forEach(Redis::close);
        probeClient.close();
    }
}
