package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import jakarta.enterprise.inject.Vetoed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding worker's index writes (HNSW inserts, removals, commits) and Lucene's merges run on
 * low-priority threads, never on the thread that hands them over (the scheduler's, shared with requests).
 */
class IndexWritesTest {

    private static final EmbeddingPriority NICE_19 = new EmbeddingPriority(EmbeddingPriority.Policy.NICE, 19);
    private static final Random RANDOM = new Random(14);

    @TempDir
    Path dir;

    private record Seen(String what, String thread, OptionalInt nice) {
    }

    /**
     * The index as it is, noting where each put, removal and commit ran; a put of "broken" fails.
     * Vetoed: it would inherit VectorIndex's scope and stand beside it as a second bean in the service's tests.
     */
    @Vetoed
    private static final class Noting extends VectorIndex {

        final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

        Noting(Path dir) {
            super(dir);
        }

        private void note(String what) {
            seen.add(new Seen(what, Thread.currentThread().getName(), EmbeddingPriority.currentNice()));
        }

        @Override
        public void put(Entry entry) throws IOException {
            note("put " + entry.id());
            if (entry.id().equals("broken")) {
                throw new IOException("disk full");
            }
            super.put(entry);
        }

        @Override
        public void remove(String id) throws IOException {
            note("remove " + id);
            super.remove(id);
        }

        @Override
        public void commit() throws IOException {
            note("commit");
            super.commit();
        }
    }

    @Test
    void putsRemovalsAndCommitsRunInOrderOnTheLowPriorityIndexThread() throws IOException {
        assumeTrue(Platform.isLinux(), "per-thread nice values are Linux's");
        Noting index = new Noting(dir);
        IndexWrites writes = new IndexWrites(index, NICE_19);
        OptionalInt callerNice = EmbeddingPriority.currentNice();

        IndexWrites.Sequence sequence = writes.sequence();
        sequence.apply(List.of(change("a"), change("b")));
        sequence.apply(List.of(new IndexWrites.Change("a", null)));
        sequence.commit().join();

        assertEquals(List.of("put a", "put b", "remove a", "commit"), index.seen.stream().map(Seen::what).toList());
        for (Seen s : index.seen) {
            assertEquals("indexer-1", s.thread(), s.what());
            assertEquals(OptionalInt.of(19), s.nice(), s.what() + " at nice 19");
        }
        assertEquals(callerNice, EmbeddingPriority.currentNice(), "the caller is untouched");
        assertEquals(1, index.size(), "b alone, committed and visible");
    }

    @Test
    void aFailedPutFailsTheSequencesCommitAndEveryLaterWrite() throws IOException {
        Noting index = new Noting(dir);
        IndexWrites writes = new IndexWrites(index, NICE_19);

        IndexWrites.Sequence sequence = writes.sequence();
        sequence.apply(List.of(change("broken")));
        sequence.apply(List.of(change("later")));
        CompletionException failed = assertThrows(CompletionException.class, () -> sequence.commit().join());

        assertInstanceOf(UncheckedIOException.class, failed.getCause());
        assertEquals(List.of("put broken"), index.seen.stream().map(Seen::what).toList(), "nothing after the failure ran");
        assertEquals(0, index.size());

        writes.sequence().commit().join(); // a new sequence (the worker's next run) writes again
        assertFalse(index.seen.isEmpty());
    }

    /** The merges the worker's segments cause run on Lucene's merge threads, lowered to the embedders' nice value. */
    @Test
    void mergesRunAtTheEmbeddersPriority() throws IOException {
        assumeTrue(Platform.isLinux(), "per-thread nice values are Linux's");
        Queue<OptionalInt> merged = new ConcurrentLinkedQueue<>();
        VectorIndex.LoweredMerges merges = new VectorIndex.LoweredMerges(NICE_19) {
            @Override
            protected void doMerge(MergeSource mergeSource, org.apache.lucene.index.MergePolicy.OneMerge merge) throws IOException {
                super.doMerge(mergeSource, merge);
                merged.add(EmbeddingPriority.currentNice());
            }
        };
        try (IndexWriter writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig().setMergeScheduler(merges))) {
            for (int segment = 0; segment < 3; segment++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField(VectorIndex.VECTOR, unit(), VectorSimilarityFunction.DOT_PRODUCT));
                writer.addDocument(doc);
                writer.commit();
            }
            writer.forceMerge(1);
        }
        assertFalse(merged.isEmpty(), "a merge ran");
        assertTrue(merged.stream().allMatch(n -> n.equals(OptionalInt.of(19))), "merge threads at nice 19: " + merged);
    }

    private static IndexWrites.Change change(String id) {
        return new IndexWrites.Change(id, new VectorIndex.Entry(id, unit(), true, "author", "blog_post"));
    }

    private static float[] unit() {
        return UnitVectors.random(RANDOM);
    }
}
