package com.mustbeviral.platform.sqlite;

import com.mustbeviral.platform.outbox.DurabilityBarrier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: transactions that commit while an fsync is running share the next one.
 *
 * <p>SQLite runs with {@code synchronous=NORMAL} in WAL mode: a COMMIT appends its frames to the
 * write-ahead log and returns without an fsync (the log is synced before every checkpoint, so the
 * file stays consistent whatever happens). Durability comes from here instead: after its commit, a
 * writer leaves the {@link WriterQueue} so the next transaction can start, and waits until an fsync
 * of the log that began after its commit has finished. The first waiter runs that fsync; whoever
 * commits meanwhile waits for it to end and for the next one, which covers them all. With
 * {@code synchronous=FULL} every commit ran its own fsync while holding the only write turn.
 *
 * <p>What a caller is told (an HTTP answer, a Kafka acknowledgement, an outbox event sent) waits
 * for this, so nothing acknowledged is lost in a power cut (the platform's outbox relay waits on it
 * as its {@link DurabilityBarrier}). A read outside a transaction may see a commit up to one fsync
 * before it is durable; a write that acts on it commits after it and is synced together with it.
 *
 * <p>An fsync that fails leaves the kernel's page cache in an unknown state (a later fsync can
 * report success for data that never reached the disk), so the first failure is final: no later
 * commit is reported durable until the service restarts and SQLite recovers from its log.
 */
@Singleton
public class GroupCommit implements DurabilityBarrier {

    /** The log commits are appended to; {@link WriteAheadLog} in production. */
    public interface Log {
        /** Forces everything appended so far to disk. */
        void sync() throws IOException;
    }

    private final AtomicLong commits = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private final Log log;
    // Guarded by lock.
    private long durable;
    private boolean syncing;
    private IOException failure;
    private long syncs;

    @Inject
    GroupCommit(Log log) {
        this.log = log;
    }

    /** Numbers a commit that has just happened; call it while still holding the write turn. */
    public long committed() {
        return commits.incrementAndGet();
    }

    /** The number of the latest commit. */
    long lastCommitted() {
        return commits.get();
    }

    /** Waits until every commit numbered so far is on disk. */
    @Override
    public void awaitAllDurable() {
        awaitDurable(commits.get());
    }

    /**
     * Returns once commit number {@code commit} is on disk.
     *
     * @throws UncheckedIOException when the log could not be synced (then or before)
     */
    public void awaitDurable(long commit) {
        lock.lock();
        try {
            while (durable < commit) {
                if (failure != null) {
                    throw new UncheckedIOException("the database log could not be synced to disk", failure);
                }
                if (syncing) {
                    synced.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long covered = commits.get(); // every commit up to here happened before the sync starts
                lock.unlock();
                IOException failed = null;
                try {
                    log.sync();
                } catch (IOException e) {
                    failed = e;
                } catch (RuntimeException e) { // e.g. no database file: no waiter may hang on it
                    failed = new IOException(e);
                } finally {
                    lock.lock();
                }
                syncing = false;
                syncs++;
                if (failed == null) {
                    durable = Math.max(durable, covered);
                } else if (failure == null) {
                    failure = failed;
                }
                synced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many fsyncs ran, failed ones included. */
    public long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }
}
