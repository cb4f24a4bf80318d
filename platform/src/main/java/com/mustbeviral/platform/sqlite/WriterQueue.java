package com.mustbeviral.platform.sqlite;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one transaction at a time into SQLite, first come, first served.
 *
 * <p>Every transaction here begins IMMEDIATE, so SQLite admits one at a time anyway. Left to
 * SQLite, the others wait in its busy handler, which polls with sleeps of up to 100 ms: a newcomer
 * that arrives when the lock is free takes it, while a sleeper wakes to find it taken again. Under
 * sustained load a sleeper could miss for the whole busy timeout and fail (measured: 9 of 14,861
 * saturating refreshes answered 500, "cannot commit - no transaction is active", because the
 * driver's BEGIN had failed). In a fair queue nobody starves and nobody sleeps longer than needed.
 *
 * <p>Bound to {@code @Transactional} (REQUIRED here, REQUIRES_NEW in {@link NewTransactions}) and
 * placed before the transaction interceptor, so the turn is held from before BEGIN until after
 * COMMIT. Reentrant: a transactional method calling another joins its turn. A transaction begun
 * outside the queue (QuarkusTransaction, in tests) is left alone: its methods never queue, as the turn
 * must always be taken before SQLite's lock, never while holding it. Reads outside transactions do
 * not queue: in WAL mode they never wait for the writer.
 *
 * <p>A transaction leaves the queue as soon as it has committed and only then waits for its commit
 * to reach the disk ({@link GroupCommit}), so one fsync serves every commit made while it ran.
 */
@Interceptor
@Transactional
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WriterQueue {

    // One per JVM, as there is one SQLite file per service (an interceptor instance exists per bean).
    private static final ReentrantLock TURN = new ReentrantLock(true);

    private final GroupCommit groupCommit;
    private final TransactionManager transactions;

    @Inject
    WriterQueue(GroupCommit groupCommit, TransactionManager transactions) {
        this.groupCommit = groupCommit;
        this.transactions = transactions;
    }

    @AroundInvoke
    Object inTurn(InvocationContext invocation) throws Exception {
        return inTurn(invocation, groupCommit, transactions);
    }

    /**
     * The same turn for {@code @Transactional(REQUIRES_NEW)}, whose binding value differs: a new
     * transaction (the consumers', the usage meter's) must queue before its BEGIN like any other.
     */
    @Interceptor
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
    public static class NewTransactions {

        private final GroupCommit groupCommit;
        private final TransactionManager transactions;

        @Inject
        NewTransactions(GroupCommit groupCommit, TransactionManager transactions) {
            this.groupCommit = groupCommit;
            this.transactions = transactions;
        }

        @AroundInvoke
        Object inTurn(InvocationContext invocation) throws Exception {
            return WriterQueue.inTurn(invocation, groupCommit, transactions);
        }
    }

    /** Takes the turn for a transaction begun by hand ({@link SharedTransactions}); then {@link #leaveTurn}. */
    static void takeTurn() throws InterruptedException {
        TURN.lockInterruptibly();
    }

    static void leaveTurn() {
        TURN.unlock();
    }

    private static Object inTurn(InvocationContext invocation, GroupCommit groupCommit, TransactionManager transactions)
            throws Exception {
        if (!TURN.isHeldByCurrentThread() && transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
            // A transaction begun outside the queue (programmatically) may already hold SQLite's write
            // lock: taking the turn now would wait for whoever holds it while they wait for the lock.
            return invocation.proceed();
        }
        TURN.lockInterruptibly();
        Object result;
        long commit;
        try {
            result = invocation.proceed();
            if (TURN.getHoldCount() > 1) {
                // Inside an outer transaction (joined, or a new one nested in it): the outer one's
                // commit comes later, and its group fsync covers this one too.
                return result;
            }
            commit = groupCommit.committed();
        } finally {
            TURN.unlock();
        }
        // Outside the turn: the next transaction runs while this one waits for its fsync.
        groupCommit.awaitDurable(commit);
        return result;
    }
}
