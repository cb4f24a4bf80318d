package com.mustbeviral.gateway.observability;

import java.util.logging.Handler;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.AsyncHandler;

/**
 * Makes an asynchronous log handler write a burst of lines with one system call. On its own, the
 * console handler inside Quarkus' async handler writes and flushes every record: for the access log
 * that was one {@code write} per request, a third of the gateway's writes next to the upstream
 * request and the client's response. With the inner handlers' own flushing off, lines collect in
 * their writer's buffer and the async handler flushes them as soon as its queue is empty: a line
 * waits at most until the queue runs dry or the buffer (8 KB) fills, and a lone line goes out at once.
 */
final class BurstWrites {

    private BurstWrites() {
    }

    /** Applies to every async handler of the log {@code category} that flushes when its queue runs empty. */
    static void enable(String category) {
        for (Handler handler : Logger.getLogger(category).getHandlers()) {
            // Without the async handler's flush on an empty queue, lines would wait for a full buffer.
            if (handler instanceof AsyncHandler async && async.isAutoFlush()) {
                for (Handler inner : async.getHandlers()) {
                    if (inner instanceof ExtHandler writer) {
                        writer.setAutoFlush(false);
                    }
                }
            }
        }
    }
}
