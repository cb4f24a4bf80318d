package com.mustbeviral.platform.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The group-commit protocol against a log whose syncs take time and record what they covered. */
class GroupCommitTest {

    /** A log that notes, per finished sync, the last commit made before the sync began. */
    private static final class RecordingLog implements GroupCommit.Log {
        GroupCommit commits;
        final AtomicLong coveredByFinishedSyncs = new AtomicLong();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public void sync() throws IOException {
            long covered = commits.lastCommitted();
            LockSupport.parkNanos(300_000); // an fsync's worth of waiting
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("EIO");
            }
            coveredByFinishedSyncs.accumulateAndGet(covered, Math::max);
        }
    }

    private static RecordingLog log() {
        RecordingLog log = new RecordingLog();
        log.commits = new GroupCommit(log);
        return log;
    }

    @Test
    void nobodyReturnsBeforeASyncThatBeganAfterItsCommitHasFinished() throws Exception {
        RecordingLog log = log();
        int writers = 16;
        int commitsEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                results.add(pool.submit(() -> {
                    int early = 0;
                    for (int i = 0; i < commitsEach; i++) {
                        long commit = log.commits.committed();
                        log.commits.awaitDurable(commit);
                        if (log.coveredByFinishedSyncs.get() < commit) {
                            early++;
                        }
                    }
                    return early;
                }));
            }
            int early = 0;
            for (Future<Integer> result : results) {
                early += result.get();
            }
            assertEquals(0, early, "waiters released before their commit was synced");
            long syncs = log.commits.syncs();
            // The point of it: commits made during one sync share the next.
            assertTrue(syncs <= writers * commitsEach / 4, "syncs: " + syncs + " for " + writers * commitsEach + " commits");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCommitAlreadySyncedCostsNoFurtherSync() {
        RecordingLog log = log();
        log.commits.awaitAllDurable();
        assertEquals(0, log.commits.syncs(), "nothing committed, nothing to sync");

        long commit = log.commits.committed();
        log.commits.awaitDurable(commit);
        log.commits.awaitDurable(commit);
        log.commits.awaitAllDurable();
        assertEquals(1, log.commits.syncs());
    }

    @Test
    void aFailedSyncIsFinal() {
        RecordingLog log = log();
        log.failuresLeft.set(1);
        long first = log.commits.committed();
        assertThrows(UncheckedIOException.class, () -> log.commits.awaitDurable(first));

        // The log would sync now, but after a failed fsync the page cache cannot be trusted.
        long second = log.commits.committed();
        assertThrows(UncheckedIOException.class, () -> log.commits.awaitDurable(second));
        assertEquals(0, log.coveredByFinishedSyncs.get());
    }

    @Test
    void aSyncThatThrowsUncheckedFailsItsWaitersInsteadOfHangingThem() throws Exception {
        GroupCommit commits = new GroupCommit(() -> {
            throw new IllegalStateException("no database file");
        });
        long first = commits.committed();
        assertThrows(UncheckedIOException.class, () -> commits.awaitDurable(first));
        long second = commits.committed();
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> commits.awaitDurable(second));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiter.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof UncheckedIOException, failed.getCause().toString());
    }
}
