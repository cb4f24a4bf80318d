package com.mustbeviral.content.search;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedding worker's writes to the vector index (puts, removals, commits, merge-downs), in the order given, on
 * one thread of their own scheduled as the embedders are ({@code content.search.embedding-priority}).
 * An HNSW insert is a graph search of its own; on the worker's thread, one of the executor's threads
 * that also serve requests, it ran at the requests' priority and beside their CPU (issue 14's creates).
 * The worker hands a batch's changes over and goes on with the next batch; storing the embeddings stays
 * on its own normal-priority thread (a low-priority holder of SQLite's write lock would hold up the
 * requests' writes), and it lets go of the jobs only once the commit holding their changes is done.
 */
@ApplicationScoped
public class IndexWrites {

    private final VectorIndex index;
    private final ExecutorService thread;

    @Inject
    IndexWrites(VectorIndex index, SearchSettings settings) {
        this(index, new EmbeddingPriority(settings.embeddingPriority(), settings.embeddingNice()));
    }

    IndexWrites(VectorIndex index, EmbeddingPriority priority) {
        this.index = index;
        this.thread = Executors.newSingleThreadExecutor(priority.threads("indexer"));
    }

    /** A piece's entry, or its removal from the index when {@code entry} is null. */
    public record Change(String id, VectorIndex.Entry entry) {
    }

    /** Starts a sequence of writes: each runs after the one before and only if that one succeeded. */
    public Sequence sequence() {
        return new Sequence();
    }

    /**
     * Writes in order, each after the last has succeeded: a put that failed fails every later write of
     * the sequence, its commits too, so no job is let go of over a change the index does not hold.
     */
    public final class Sequence {

        private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

        private Sequence() {
        }

        /** Puts or removes these pieces; done when they are in the writer (not yet committed). */
        public CompletableFuture<Void> apply(List<Change> changes) {
            return then(() -> {
                for (Change c : changes) {
                    if (c.entry() == null) {
                        index.remove(c.id());
                    } else {
                        index.put(c.entry());
                    }
                }
            });
        }

        /** Commits every change applied before; done when they are durable and visible to searches. */
        public CompletableFuture<Void> commit() {
            return then(index::commit);
        }

        /**
         * Merges the index down when that is due ({@link VectorIndex#compactIfDue}), after every write
         * before it; later writes wait for the merge.
         */
        public CompletableFuture<Void> compact() {
            return then(index::compactIfDue);
        }

        private CompletableFuture<Void> then(IndexWork work) {
            last = last.thenRunAsync(() -> {
                try {
                    work.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, thread);
            return last;
        }
    }

    private interface IndexWork {
        void run() throws IOException;
    }

    void close(@Observes ShutdownEvent event) {
        thread.shutdown();
    }
}
