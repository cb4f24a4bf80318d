package com.mustbeviral.platform.sqlite;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
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
 * <p>Bound to {@code @Transactional} and placed before the transaction interceptor, so the turn is
 * held from before BEGIN until after COMMIT. It takes REQUIRES_NEW transactions too (the consumers'
 * and the usage meter's own): content-service's {@code GroupCommitWiringTest} holds one back. Reentrant: a transactional method calling another joins its transaction and its turn.
 * Reads outside transactions do not queue: in WAL mode they never wait for the writer.
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

    @Inject
    WriterQueue(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    @AroundInvoke
    Object inTurn(InvocationContext invocation) throws Exception {
        TURN.lockInterruptibly();
        Object result;
        long commit;
        try {
            result = invocation.proceed();
            if (TURN.getHoldCount() > 1) {
                return result; // joined an outer transaction, which has not committed yet
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
