package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index is merged down to its configured segments once enough pieces changed (the configured
 * number, or a twentieth of the index when more), and only then; a merged index still finds every
 * piece, and holds what it held.
 */
class VectorIndexCompactionTest {

    private static final int SEGMENTS = 2;
    private static final int COMPACT_AFTER = 40;

    private final Random random = new Random(15);
    private final List<float[]> vectors = new ArrayList<>();

    @TempDir
    Path dir;

    private VectorIndex index;

    @AfterEach
    void close() throws IOException {
        index.close(null);
    }

    /** {@code pieces} new pieces in segments of {@code perCommit} each (every commit writes one). */
    private void putInSegments(int pieces, int perCommit) throws IOException {
        for (int i = 0; i < pieces; i++) {
            float[] v = UnitVectors.random(random);
            vectors.add(v);
            index.put(new VectorIndex.Entry("p" + (vectors.size() - 1), v, true, "author", "blog_post"));
            if ((i + 1) % perCommit == 0) {
                index.commit();
            }
        }
        index.commit();
    }

    private VectorIndex open() {
        return new VectorIndex(dir, new EmbeddingPriority(EmbeddingPriority.Policy.NORMAL, 19), SEGMENTS, COMPACT_AFTER, VectorIndex.QuantizedCodec.DEFAULT_BITS);
    }

    @Test
    void aBulkLoadInManySegmentsIsMergedDownAndStillFindsEveryPiece() throws IOException {
        index = open();
        putInSegments(48, 8);
        assertEquals(6, index.segmentCount());

        assertTrue(index.compactIfDue());

        assertEquals(SEGMENTS, index.segmentCount());
        assertEquals(48, index.size());
        for (int i = 0; i < vectors.size(); i++) {
            assertEquals("p" + i, index.nearest(vectors.get(i), 1, null, null, null).get(0).id());
        }
    }

    @Test
    void fewerChangesThanTheThresholdLeaveTheSegmentsAlone() throws IOException {
        index = open();
        putInSegments(COMPACT_AFTER - 1, 8);
        int before = index.segmentCount();
        assertTrue(before > SEGMENTS);

        assertFalse(index.compactIfDue());

        assertEquals(before, index.segmentCount());
    }

    @Test
    void anIndexAlreadyWithinItsSegmentsIsNotMergedAndTheChangesStayCounted() throws IOException {
        index = open();
        putInSegments(COMPACT_AFTER, COMPACT_AFTER);
        assertEquals(1, index.segmentCount());

        assertFalse(index.compactIfDue());

        // The changes still count towards the next merge-down: two more segments make it due.
        putInSegments(2, 1);
        assertTrue(index.compactIfDue());
        assertEquals(SEGMENTS, index.segmentCount());
    }

    @Test
    void aLargerIndexWaitsForATwentiethOfItsPiecesToChange() throws IOException {
        index = new VectorIndex(dir, new EmbeddingPriority(EmbeddingPriority.Policy.NORMAL, 19), 1, 1, VectorIndex.QuantizedCodec.DEFAULT_BITS);
        putInSegments(100, 25);
        assertTrue(index.compactIfDue());

        putInSegments(4, 1); // 4 changes: under 104 / 20
        assertFalse(index.compactIfDue());
        putInSegments(1, 1); // the fifth
        assertTrue(index.compactIfDue());
        assertEquals(1, index.segmentCount());
        assertEquals(105, index.size());
    }

    @Test
    void aMergedIndexIsWhatTheNextStartOpens() throws IOException {
        index = open();
        putInSegments(48, 8);
        assertTrue(index.compactIfDue());
        index.close(null);

        index = open();

        assertEquals(SEGMENTS, index.segmentCount());
        assertEquals(48, index.size());
    }
}
