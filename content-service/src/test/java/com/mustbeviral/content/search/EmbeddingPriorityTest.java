package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/** The embedding threads lower themselves as configured; the thread that makes them does not change. */
class EmbeddingPriorityTest {

    private record Seen(String name, boolean daemon, OptionalInt nice, OptionalInt policy) {
    }

    private static Seen runOn(ThreadFactory threads) {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        threads.newThread(() -> seen.complete(new Seen(Thread.currentThread().getName(), Thread.currentThread().isDaemon(),
                EmbeddingPriority.currentNice(), EmbeddingPriority.currentPolicy()))).start();
        return seen.join();
    }

    @Test
    void niceThreadsRunAtTheirNiceValue() {
        assumeTrue(Platform.isLinux(), "per-thread nice values are Linux's");
        OptionalInt callerBefore = EmbeddingPriority.currentNice();
        Seen seen = runOn(new EmbeddingPriority(EmbeddingPriority.Policy.NICE, 15).threads("embedder"));
        assertEquals(OptionalInt.of(15), seen.nice());
        assertEquals(OptionalInt.of(0), seen.policy(), "still SCHED_OTHER");
        assertEquals("embedder-1", seen.name());
        assertTrue(seen.daemon(), "never holds the JVM up at exit");
        assertEquals(callerBefore, EmbeddingPriority.currentNice(), "the thread that made it is untouched");
    }

    @Test
    void idleThreadsRunUnderSchedIdle() {
        assumeTrue(Platform.isLinux(), "SCHED_IDLE is Linux's");
        Seen seen = runOn(new EmbeddingPriority(EmbeddingPriority.Policy.IDLE, 19).threads("embedder"));
        assertEquals(OptionalInt.of(5), seen.policy(), "SCHED_IDLE");
    }

    @Test
    void normalThreadsAreLeftAsTheyAre() {
        OptionalInt callerNice = EmbeddingPriority.currentNice();
        EmbeddingPriority normal = new EmbeddingPriority(EmbeddingPriority.Policy.NORMAL, 19);
        assertEquals(callerNice, runOn(normal.threads("embedder")).nice());
        assertFalse(normal.applyToCurrentThread());
    }

    @Test
    void aNiceValueOutsideOneToNineteenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingPriority(EmbeddingPriority.Policy.NICE, 0));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingPriority(EmbeddingPriority.Policy.NICE, 20));
    }
}
