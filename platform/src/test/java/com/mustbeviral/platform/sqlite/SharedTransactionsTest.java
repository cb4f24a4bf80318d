package com.mustbeviral.platform.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Works of many threads sharing transactions, with Narayana's own transaction manager (what Quarkus
 * runs). A work "writes" by registering a synchronization that records it once its transaction has
 * committed, so the test sees exactly which works were committed, and in which transactions.
 */
class SharedTransactionsTest {

    private static final int WORKS = 20;

    static {
        // Narayana's stores under target/, not in the module's folder (what Quarkus' recorder sets up in a service).
        String dir = Path.of("target", "narayana").toAbsolutePath().toString();
        for (String store : new String[] {null, "communicationStore", "stateStore"}) {
            (store == null ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store)).setObjectStoreDir(dir);
        }
    }

    private final TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
    private final SharedTransactions shared = new SharedTransactions(tm, new GroupCommit(() -> { }), 64);
    private final Set<Integer> committed = ConcurrentHashMap.newKeySet();
    private final Set<Integer> rolledBack = ConcurrentHashMap.newKeySet();
    private final Set<Transaction> transactions = ConcurrentHashMap.newKeySet();
    private final ExecutorService callers = Executors.newFixedThreadPool(WORKS);

    @AfterEach
    void stop() {
        callers.shutdownNow();
        shared.stop();
    }

    /** Work {@code i}: recorded as committed or rolled back with its transaction; throws when asked. */
    private Integer write(int i, boolean fail) throws IOException {
        try {
            Transaction tx = tm.getTransaction();
            transactions.add(tx);
            tx.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    (status == Status.STATUS_COMMITTED ? committed : rolledBack).add(i);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (fail) {
            throw new IOException("refused " + i);
        }
        return i;
    }

    /**
     * Work 0 holds the writer until the other works are all queued, so that those run as one batch;
     * {@code failing} (or -1) throws.
     */
    private List<Future<Integer>> queueBehindFirst(int failing) throws Exception {
        CountDownLatch zeroRunning = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        results.add(callers.submit(() -> shared.run(() -> {
            zeroRunning.countDown();
            othersQueued.await(10, TimeUnit.SECONDS);
            return write(0, false);
        })));
        assertTrue(zeroRunning.await(10, TimeUnit.SECONDS));
        for (int i = 1; i < WORKS; i++) {
            int n = i;
            results.add(callers.submit(() -> shared.run(() -> write(n, n == failing))));
        }
        while (shared.queued() < WORKS - 1) {
            Thread.onSpinWait();
        }
        othersQueued.countDown();
        return results;
    }

    @Test
    void worksQueuedMeanwhileShareOneTransaction() throws Exception {
        List<Future<Integer>> results = queueBehindFirst(-1);

        for (int i = 0; i < WORKS; i++) {
            assertEquals(i, results.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(WORKS, committed.size());
        assertEquals(2, transactions.size(), "work 0 alone, then the 19 queued behind it together");
    }

    @Test
    void aFailingWorkFailsAloneAndTheOthersCommit() throws Exception {
        List<Future<Integer>> results = queueBehindFirst(7);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> results.get(7).get(10, TimeUnit.SECONDS));
        assertEquals("refused 7", failure.getCause().getMessage());
        for (int i = 0; i < WORKS; i++) {
            if (i != 7) {
                assertEquals(i, results.get(i).get(10, TimeUnit.SECONDS));
            }
        }
        Set<Integer> allButSeven = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < WORKS; i++) {
            if (i != 7) {
                allButSeven.add(i);
            }
        }
        assertEquals(allButSeven, committed);
        assertTrue(rolledBack.contains(7), "work 7 was rolled back");
        // 0 alone; the batch of 1..19, rolled back; then each of 1..19 in its own.
        assertEquals(1 + 1 + (WORKS - 1), transactions.size());
    }

    @Test
    void aCallerInATransactionRunsItsWorkInIt() throws Exception {
        tm.begin();
        Transaction mine = tm.getTransaction();
        try {
            assertEquals(3, shared.run(() -> write(3, false)));
            assertEquals(Set.of(mine), transactions);
            assertTrue(committed.isEmpty(), "not committed before the caller commits");
        } finally {
            tm.commit();
        }
        assertEquals(Set.of(3), committed);
    }

    @Test
    void aWorkThatMarksItsTransactionForRollbackIsRefusedAndNothingOfItCommits() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> shared.run(() -> {
            write(5, false);
            tm.setRollbackOnly();
            return 5;
        }));
        assertTrue(refused.getMessage().contains("rollback"), refused.getMessage());
        assertTrue(committed.isEmpty());
        assertEquals(Set.of(5), rolledBack);
    }

    @Test
    void afterTheWriterStoppedAWorkIsRefusedNotLeftWaiting() throws Exception {
        shared.stop();

        Future<Integer> late = callers.submit(() -> shared.run(() -> write(9, false)));

        ExecutionException refused = assertThrows(ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof IllegalStateException, String.valueOf(refused.getCause()));
        assertTrue(committed.isEmpty());
    }

    @Test
    void theWorksOwnExceptionReachesTheCaller() {
        IOException thrown = assertThrows(IOException.class, () -> shared.run(() -> write(1, true)));
        assertEquals("refused 1", thrown.getMessage());
        assertTrue(committed.isEmpty());
        assertEquals(Set.of(1), rolledBack);
    }
}
