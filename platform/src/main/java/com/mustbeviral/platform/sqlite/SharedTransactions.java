package com.mustbeviral.platform.sqlite;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the small write transactions of many threads (content-service's creates, every service's outbox
 * relay marking events sent) on one writer thread, several of them in one SQLite transaction: one BEGIN,
 * one COMMIT and one turn of the {@link WriterQueue} for all.
 *
 * <p>Why: a request's transaction holds the only write turn for about a millisecond, and handing the
 * turn to the next thread costs a wake-up of that thread, which on two busy cores takes about as long
 * (content-service's creates: the turn was free half of the time while a dozen writers waited for it;
 * deploy/bench/README.md, issue 14). Here the writer thread takes whatever has queued meanwhile and
 * runs it at once, so the turn never waits for a thread to wake; the callers wake in parallel, each
 * only to answer.
 *
 * <p>The works of a batch run one after another, as if each had its own transaction in that order:
 * each sees what the ones before it wrote. When one of them fails, the batch is rolled back whole and
 * each of its works runs again in its own transaction, so a failing work fails alone and the others
 * commit as they would have. A work must therefore keep to the transaction: no effect outside the
 * database before its commit (transactional observers are fine: they see the batch's outcome). A
 * caller already in a transaction runs its work in it, as a joined {@code @Transactional} method would.
 *
 * <p>{@link #run} returns once the work's commit is on disk ({@link GroupCommit}), like any other
 * transaction through the queue.
 */
@Singleton
public class SharedTransactions {

    /** A unit of work that must run in a transaction; it throws {@code E} or unchecked exceptions. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final TransactionManager transactions;
    private final GroupCommit groupCommit;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopped;

    @Inject
    SharedTransactions(TransactionManager transactions, GroupCommit groupCommit,
            @ConfigProperty(name = "platform.sqlite.shared-transaction-max-works", defaultValue = "64") int maxBatch) {
        this.transactions = transactions;
        this.groupCommit = groupCommit;
        this.maxBatch = maxBatch;
        this.writer = Thread.ofPlatform().name("shared-transactions").daemon().unstarted(this::write);
        writer.start();
    }

    /**
     * Runs {@code work} in a transaction shared with other callers' works, and returns its result once
     * committed and durable; its exception when it failed (nothing of it written). A failure of the
     * transaction itself (its BEGIN or COMMIT) is an {@link IllegalStateException}.
     */
    @SuppressWarnings("unchecked") // a work's failure is what it threw: E or unchecked
    public <T, E extends Exception> T run(Work<T, E> work) throws E {
        try {
            // In a transaction already (through the queue, or this writer's own): a joined work, run in it.
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                return work.run();
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        Pending<T> pending = new Pending<>(work);
        queue.add(pending);
        if (stopped && queue.remove(pending)) { // the writer has gone: nobody would ever run it
            throw new IllegalStateException("the shared transactions' writer has stopped (the service is stopping)");
        }
        Done<T> done;
        try {
            done = pending.done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the shared transactions' writer has stopped", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the work was queued or running", e);
        }
        groupCommit.awaitDurable(done.commit());
        if (done.failure() != null) {
            throw (E) done.failure();
        }
        return done.result();
    }

    /** How many works wait for the writer (not counting the batch it runs). */
    int queued() {
        return queue.size();
    }

    @PreDestroy
    void stop() {
        writer.interrupt();
    }

    private void write() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                Pending<?> first = queue.poll(1, TimeUnit.HOURS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (batch.size() == 1 || !together(batch)) {
                    for (Pending<?> pending : batch) {
                        alone(pending);
                    }
                }
            } catch (InterruptedException e) {
                stopped = true; // before the queue is emptied: a work queued after that sees it (run)
                failAll(batch, e);
                List<Pending<?>> left = new ArrayList<>();
                queue.drainTo(left);
                failAll(left, e);
                return;
            } catch (RuntimeException | Error e) { // the thread goes on: no caller may hang on it
                failAll(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    /** The batch in one transaction; false, with nothing written, when any of its works failed. */
    private boolean together(List<Pending<?>> batch) throws InterruptedException {
        long commit;
        WriterQueue.takeTurn();
        try {
            try {
                transactions.begin();
                for (Pending<?> pending : batch) {
                    pending.runInTransaction();
                    if (pending.failure != null || transactions.getStatus() != Status.STATUS_ACTIVE) {
                        transactions.rollback();
                        for (Pending<?> p : batch) {
                            p.reset();
                        }
                        return false;
                    }
                }
                transactions.commit();
            } catch (Exception e) { // a failed BEGIN or COMMIT: each work alone then says what fails
                rollbackQuietly();
                for (Pending<?> p : batch) {
                    p.reset();
                }
                return false;
            }
            commit = groupCommit.committed();
        } finally {
            WriterQueue.leaveTurn();
        }
        for (Pending<?> pending : batch) {
            pending.complete(commit);
        }
        return true;
    }

    /** One work in its own transaction: its own result or failure. */
    private void alone(Pending<?> pending) throws InterruptedException {
        long commit = 0;
        WriterQueue.takeTurn();
        try {
            try {
                transactions.begin();
                pending.runInTransaction();
                if (pending.failure == null && transactions.getStatus() == Status.STATUS_ACTIVE) {
                    transactions.commit();
                    commit = groupCommit.committed();
                } else {
                    transactions.rollback();
                    if (pending.failure == null) {
                        pending.failure = new IllegalStateException("the transaction was marked for rollback");
                    }
                }
            } catch (Exception e) { // BEGIN or COMMIT failed: nothing of the work was committed
                rollbackQuietly();
                pending.failure = new IllegalStateException("the transaction failed", e);
            }
        } finally {
            WriterQueue.leaveTurn();
        }
        pending.complete(commit);
    }

    private void rollbackQuietly() {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
        } catch (SystemException | RuntimeException ignored) {
            // already rolled back, or the connection is gone: nothing was committed either way
        }
    }

    private static void failAll(List<Pending<?>> pendings, Throwable cause) {
        for (Pending<?> pending : pendings) {
            pending.done.completeExceptionally(cause);
        }
    }

    private record Done<T>(T result, Exception failure, long commit) {
    }

    private static final class Pending<T> {
        final Work<T, ?> work;
        final CompletableFuture<Done<T>> done = new CompletableFuture<>();
        T result;
        Exception failure;

        Pending(Work<T, ?> work) {
            this.work = work;
        }

        void runInTransaction() {
            try {
                result = work.run();
            } catch (Exception e) {
                failure = e;
            } catch (Error e) { // e.g. an assertion: the work failed, the writer thread goes on
                failure = new IllegalStateException(e);
            }
        }

        void reset() {
            result = null;
            failure = null;
        }

        /** Answers the caller: {@code commit} is the commit to wait for (0: nothing committed). */
        void complete(long commit) {
            done.complete(new Done<>(result, failure, failure == null ? commit : 0));
        }
    }
}
