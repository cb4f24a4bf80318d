package com.mustbeviral.content.search;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Merges the keyword index down to one segment once it has been quiet for a tick
 * ({@code content.search.keyword-merge-every}): FTS5's structure record the same at two ticks in a row,
 * and more than one segment. A merge rewrites the whole index (~0.8 s of one core and 50 MB for 100,000
 * pieces), so it waits for writes to pause rather than following each: while pieces keep coming, FTS5's
 * own merging by level keeps the segments few, and the next pause folds them into one. Lucene's advice for an index
 * read far more than written is the same (merge down when idle); the vector index does it after enough
 * changes ({@link VectorIndex}). The merge goes in steps of {@code keyword-merge-pages} pages, each its own
 * short transaction, so a create waits for one step at most.
 */
@ApplicationScoped
public class KeywordIndexMerge {

    private static final Logger LOG = Logger.getLogger(KeywordIndexMerge.class);

    private final KeywordIndex index;
    private final SearchSettings settings;
    private String seen = "";
    private volatile boolean stopping;

    KeywordIndexMerge(KeywordIndex index, SearchSettings settings) {
        this.index = index;
        this.settings = settings;
    }

    /** A merge under way stops after its current step: each step is whole, and the next look goes on from there. */
    void onStop(@Observes @jakarta.annotation.Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "${content.search.keyword-merge-every:30s}", delayed = "${content.search.keyword-merge-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() throws SQLException {
        mergeIfQuiet();
    }

    /** Merges the index down when it has not changed since the last call; returns the steps taken (0: none). */
    public synchronized int mergeIfQuiet() throws SQLException {
        String now = index.structure();
        boolean quiet = now.equals(seen);
        seen = now;
        if (!quiet) {
            return 0;
        }
        List<Long> segments = index.segments();
        if (segments.size() < 2) {
            return 0;
        }
        long started = System.nanoTime();
        int steps = 0;
        while (!stopping && index.mergeStep(settings.keywordMergePages())) {
            steps++;
        }
        seen = index.structure();
        LOG.infof("Merged the keyword index from %d segments to %d in %d steps, %d ms", segments.size(),
                index.segments().size(), steps, (System.nanoTime() - started) / 1_000_000);
        return steps;
    }
}
