package com.mustbeviral.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A {@code redis-server} process that a test can kill, freeze ({@code SIGSTOP}), thaw and start
 * again on the same port, injected into fields marked {@link Handle}. test-support's
 * RedisServerResource gives no handle on its process, hence this gateway-local one.
 */
public class StoppableRedis implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's field that receives the running server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Handle {
    }

    private final int port = ClosedPort.find();
    private Process process;

    @Override
    public Map<String, String> start() {
        startServer();
        // The production timeout: this is where tests prove a frozen Redis costs a request no more.
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port, "gateway.rate-limit.redis-timeout", "50ms");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Handle.class, StoppableRedis.class));
    }

    @Override
    public void stop() {
        kill();
    }

    /** Starts the server (again) on its port and waits until it listens. */
    public synchronized void startServer() {
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "redis-stoppable-" + port + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is not installed", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                pause(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    /** Kills the server: connections drop, new ones are refused. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Freezes the server: connections stay open and nothing answers, like a Redis stuck in a long command. */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen server run again. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
