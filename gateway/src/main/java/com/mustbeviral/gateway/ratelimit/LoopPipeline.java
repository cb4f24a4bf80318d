package com.mustbeviral.gateway.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The commands one event loop sends to Redis, gathered while the loop handles the sockets that were
 * ready and written in one go when it has handled them. Under load a loop takes several requests in
 * one pass; one write for all of their scripts instead of one each saves system calls on both sides
 * (Redis then reads and answers them in one go too), and one timer per write bounds the wait of
 * every command in it. Used only from its own loop's thread.
 */
final class LoopPipeline {

    private final Vertx vertx;
    /** Runs a task on the loop after the sockets of the current pass. */
    private final Executor loop;
    private final Supplier<Future<RedisConnection>> connection;
    private final long timeoutMs;
    private List<Request> gathered = new ArrayList<>();
    private List<Promise<Response>> waiting = new ArrayList<>();

    LoopPipeline(Vertx vertx, Executor loop, Supplier<Future<RedisConnection>> connection, long timeoutMs) {
        this.vertx = vertx;
        this.loop = loop;
        this.connection = connection;
        this.timeoutMs = timeoutMs;
    }

    /** Queues {@code request} for this pass's write; fails with a {@link TimeoutException} if Redis is too slow. */
    Future<Response> send(Request request) {
        if (gathered.isEmpty()) {
            loop.execute(this::write);
        }
        Promise<Response> reply = Promise.promise();
        gathered.add(request);
        waiting.add(reply);
        return reply.future();
    }

    private void write() {
        List<Request> requests = gathered;
        List<Promise<Response>> replies = waiting;
        gathered = new ArrayList<>();
        waiting = new ArrayList<>();
        // The wait includes opening the connection: either way the request would be waiting on Redis.
        long timer = vertx.setTimer(timeoutMs,
                id -> failAll(replies, new TimeoutException("Redis did not answer within " + timeoutMs + " ms")));
        Future<RedisConnection> open = connection.get();
        Future<List<Response>> answered = requests.size() == 1
                ? open.compose(c -> c.send(requests.get(0))).map(List::of)
                : open.compose(c -> c.batch(requests));
        answered.onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.failed()) {
                // A batch fails as a whole, with the errors of its commands in one message.
                failAll(replies, done.cause());
                return;
            }
            List<Response> responses = done.result();
            for (int i = 0; i < replies.size(); i++) {
                replies.get(i).tryComplete(responses.get(i));
            }
        });
    }

    private static void failAll(List<Promise<Response>> replies, Throwable cause) {
        for (Promise<Response> reply : replies) {
            reply.tryFail(cause);
        }
    }
}
