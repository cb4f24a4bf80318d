package com.mustbeviral.gateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.OutputStreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BurstWritesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Counts the writes that reach it; the first one waits until the test lets it through. */
    private final Output output = new Output();
    private final String category = "burst-writes-test." + UUID.randomUUID();
    private final Logger logger = Logger.getLogger(category);
    private AsyncHandler async;

    @BeforeEach
    void asyncConsoleLikeQuarkus() {
        // The shape Quarkus gives a console handler with async.enabled: an async handler around it.
        async = new AsyncHandler(4096);
        async.addHandler(new OutputStreamHandler(output, new PatternFormatter("%s%n")));
        logger.setUseParentHandlers(false);
        logger.addHandler(async);
    }

    @AfterEach
    void close() {
        logger.removeHandler(async);
        async.close();
    }

    @Test
    void writesTheLinesQueuedDuringOneWriteTogether() throws InterruptedException {
        BurstWrites.enable(category);

        logger.info("line 0"); // its write holds the handler's thread while the rest queue up
        assertTrue(output.firstWriteStarted.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        for (int i = 1; i < 100; i++) {
            logger.info("line " + i);
        }
        output.release.countDown();

        output.awaitLines(100);
        // One for the first line, then the 99 queued behind it in one buffer (well under 8 KB).
        assertTrue(output.writes.get() <= 3, "writes: " + output.writes.get());
    }

    @Test
    void writesALoneLineAtOnce() throws InterruptedException {
        BurstWrites.enable(category);
        output.release.countDown();

        logger.info("alone");

        output.awaitLines(1);
        assertEquals("alone\n", output.text());
    }

    private static final class Output extends OutputStream {
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            firstWriteStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.incrementAndGet();
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void awaitLines(int count) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (text().lines().count() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(count, text().lines().count(), text());
        }
    }
}
