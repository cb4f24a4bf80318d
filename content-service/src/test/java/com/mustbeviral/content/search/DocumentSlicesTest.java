package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slices of a ranking: the merged answer is the one the whole ranking gives (equal scores in document
 * order), a slice that cannot answer alone makes the whole answer null, a failure in a helper's slice
 * reaches the caller, and without a free helper or with a small index the ranking runs whole.
 */
class DocumentSlicesTest {

    /** Documents 1..n, each scored from its number so that many scores are equal. */
    private static final int DOCUMENTS = 1_000;

    private DocumentSlices slices;

    @AfterEach
    void close() {
        slices.close();
    }

    private static double score(long doc) {
        return (doc * 7919) % 97;
    }

    /** The best {@code limit} of documents first..last, as one ranking statement orders them: by score, then number. */
    private static List<ScoredId> best(long first, long last, int limit) {
        List<Long> docs = new ArrayList<>();
        for (long d = Math.max(1, first); d <= Math.min(DOCUMENTS, last); d++) {
            docs.add(d);
        }
        docs.sort(Comparator.comparingDouble(DocumentSlicesTest::score).reversed().thenComparing(d -> d));
        return docs.stream().limit(limit).map(d -> new ScoredId("doc-" + d, score(d), null)).toList();
    }

    @Test
    void slicesMergeIntoTheWholeRankingsAnswerTiesInDocumentOrder() throws SQLException {
        slices = new DocumentSlices(2, 100);
        List<long[]> ranges = Collections.synchronizedList(new ArrayList<>());
        for (int limit : new int[] {1, 11, 54, 300}) {
            ranges.clear();
            List<ScoredId> merged = slices.rank(() -> DOCUMENTS, limit, (first, last) -> {
                ranges.add(new long[] {first, last});
                return best(first, last, limit);
            });
            assertEquals(best(1, DOCUMENTS, limit), merged);
            assertEquals(2, ranges.size(), "two slices: " + ranges);
        }
    }

    @Test
    void aSliceThatCannotAnswerAloneMakesTheAnswerNull() throws SQLException {
        slices = new DocumentSlices(2, 100);
        assertNull(slices.rank(() -> DOCUMENTS, 10, (first, last) -> first > 1 ? null : best(first, last, 10)));
    }

    @Test
    void aFailureInAHelpersSliceReachesTheCaller() {
        slices = new DocumentSlices(2, 100);
        SQLException broken = new SQLException("disk I/O error");
        SQLException thrown = assertThrows(SQLException.class, () -> slices.rank(() -> DOCUMENTS, 10, (first, last) -> {
            if (first > 1) {
                throw broken;
            }
            return best(first, last, 10);
        }));
        assertSame(broken, thrown);
    }

    @Test
    void aSmallIndexIsRankedWhole() throws SQLException {
        slices = new DocumentSlices(2, 10_000);
        AtomicInteger calls = new AtomicInteger();
        List<ScoredId> answer = slices.rank(() -> DOCUMENTS, 10, (first, last) -> {
            calls.incrementAndGet();
            assertEquals(Long.MIN_VALUE, first);
            assertEquals(Long.MAX_VALUE, last);
            return best(first, last, 10);
        });
        assertEquals(1, calls.get());
        assertEquals(best(1, DOCUMENTS, 10), answer);
    }

    @Test
    void withTheHelperBusyAQueryRunsWholeOnItsOwnThread() throws Exception {
        slices = new DocumentSlices(2, 100);
        CountDownLatch helperBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                slices.rank(() -> DOCUMENTS, 10, (from, to) -> {
                    if (from > 1) {
                        helperBusy.countDown();
                        await(release);
                    }
                    return best(from, to, 10);
                });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(true, helperBusy.await(10, TimeUnit.SECONDS));
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        List<ScoredId> answer = slices.rank(() -> DOCUMENTS, 10, (from, to) -> {
            threads.add(Thread.currentThread().getName() + " " + from + ".." + to);
            return best(from, to, 10);
        });
        release.countDown();
        first.join(10_000);
        assertEquals(List.of(Thread.currentThread().getName() + " " + Long.MIN_VALUE + ".." + Long.MAX_VALUE), threads);
        assertEquals(best(1, DOCUMENTS, 10), answer);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
