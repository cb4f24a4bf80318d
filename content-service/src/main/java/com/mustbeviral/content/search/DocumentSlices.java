package com.mustbeviral.content.search;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs one ranking over slices of the document numbers at once, when helper threads are free at that
 * moment, and merges the slices' answers. FTS5 scores every match of a query before it knows the best
 * (bm25 has no early exit there), so a query matching a seventh of 100,000 pieces costs ~10 ms of one
 * core; two slices on two cores answer it in about half that (deploy/bench/README.md, session 15).
 * Under load the helpers are busy and each query runs whole on its own thread: slicing never makes a
 * query wait, and costs CPU only when a core would otherwise idle (each slice repeats bm25's
 * whole-table statistics, ~10 % more CPU a query).
 */
final class DocumentSlices {

    /** One ranking restricted to the document numbers {@code first..last}; null when it cannot answer alone. */
    interface Ranking {
        List<ScoredId> within(long first, long last) throws SQLException;
    }

    /** The highest document number now (a query of its own: asked only when a helper is free to take a slice). */
    interface LastDocument {
        long get() throws SQLException;
    }

    private final int most;
    private final long documentsPerSlice;
    private final ExecutorService helpers;
    private final Semaphore free;

    /**
     * @param most              the most slices of one query (1: never sliced)
     * @param documentsPerSlice the fewest documents a slice gets: below it, handing a slice over costs more than it saves
     */
    DocumentSlices(int most, long documentsPerSlice) {
        this.most = Math.max(1, most);
        this.documentsPerSlice = Math.max(1, documentsPerSlice);
        this.helpers = Executors.newFixedThreadPool(Math.max(1, this.most - 1),
                Thread.ofPlatform().name("keyword-slice-", 0).daemon().factory());
        this.free = new Semaphore(this.most - 1);
    }

    /**
     * The best {@code limit} answers of the ranking over the documents up to the last one now and any
     * added since (the last slice is open-ended), higher scores first, ties in document order as one statement
     * would order them; null when any slice's answer is null.
     */
    List<ScoredId> rank(LastDocument lastDocument, int limit, Ranking ranking) throws SQLException {
        int extra = 0;
        while (extra < most - 1 && free.tryAcquire()) {
            extra++;
        }
        try {
            long documents = extra == 0 ? 0 : lastDocument.get();
            // Slices of fewer documents than documentsPerSlice: fewer slices, and the spare helpers freed at once.
            int fit = (int) Math.min(extra + 1, Math.max(1, documents / documentsPerSlice));
            free.release(extra + 1 - fit);
            extra = fit - 1;
            if (extra == 0) {
                return ranking.within(Long.MIN_VALUE, Long.MAX_VALUE);
            }
            int parts = extra + 1;
            long size = documents / parts;
            List<Future<List<ScoredId>>> others = new ArrayList<>(extra);
            for (int i = 1; i < parts; i++) {
                long first = i * size + 1;
                long last = i == parts - 1 ? Long.MAX_VALUE : (i + 1) * size;
                others.add(helpers.submit(() -> ranking.within(first, last)));
            }
            List<List<ScoredId>> answers = new ArrayList<>(parts);
            try {
                answers.add(ranking.within(Long.MIN_VALUE, size));
            } finally {
                // Every slice ends before the helpers count as free again, whatever happened to this one.
                answers.addAll(done(others));
            }
            return merged(answers, limit);
        } finally {
            free.release(extra);
        }
    }

    /**
     * The slices' answers (each best first, in the order of their ranges) as one: a stable sort by score
     * keeps equal scores in document order, as the slices are.
     */
    static List<ScoredId> merged(List<List<ScoredId>> answers, int limit) {
        List<ScoredId> all = new ArrayList<>();
        for (List<ScoredId> answer : answers) {
            if (answer == null) {
                return null;
            }
            all.addAll(answer);
        }
        all.sort(Comparator.comparingDouble(ScoredId::score).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** The helpers' answers, once all have ended; the first failure among them thrown. */
    private static List<List<ScoredId>> done(List<Future<List<ScoredId>>> slices) throws SQLException {
        List<List<ScoredId>> answers = new ArrayList<>(slices.size());
        Throwable failed = null;
        boolean interrupted = false;
        for (Future<List<ScoredId>> slice : slices) {
            while (true) {
                try {
                    answers.add(slice.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failed = failed == null ? e.getCause() : failed;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        switch (failed) {
            case null -> {
                return answers;
            }
            case SQLException sql -> throw sql;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new SQLException(failed);
        }
    }

    void close() {
        helpers.shutdownNow();
    }
}
