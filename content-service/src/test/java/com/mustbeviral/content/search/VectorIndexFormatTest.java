package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index keeps its vectors scalar-quantized (4 bits, or 7) and its ids as doc values, and an index written before
 * (float32 HNSW, or ids as stored fields) is emptied when opened, which is what makes the embedding
 * worker rebuild it from the stored embeddings at start.
 */
class VectorIndexFormatTest {

    private static final Random RANDOM = new Random(15);

    @TempDir
    Path dir;

    @Test
    void theFloatVectorsLieInTheirOwnFilesNeverInACompoundOne() throws IOException {
        VectorIndex index = new VectorIndex(dir);
        for (int i = 0; i < 3; i++) {
            index.put(new VectorIndex.Entry("p" + i, unit(), true, "author", "blog_post"));
            index.commit();
        }
        index.close(null);

        try (var files = java.nio.file.Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertEquals(3, names.stream().filter(n -> n.endsWith("." + VectorIndex.FLOAT_VECTORS)).count(), names::toString);
            assertEquals(0, names.stream().filter(n -> n.endsWith(".cfs")).count(), names::toString);
        }
    }

    @Test
    void anIndexOfTheFloatFormatIsEmptiedSoTheStartRebuildsIt() throws IOException {
        writeOldIndex(new IndexWriterConfig());
        assertEquals(new Lucene99HnswVectorsFormat().getName(), formatOnDisk());

        VectorIndex index = new VectorIndex(dir);
        assertEquals(0, index.size());
        index.put(new VectorIndex.Entry("new", unit(), true, "author", "blog_post"));
        index.commit();
        assertEquals(1, index.size());
        index.close(null);
        assertEquals(new Lucene99HnswScalarQuantizedVectorsFormat().getName(), formatOnDisk());
    }

    @Test
    void anIndexWithStoredIdsIsEmptiedSoTheStartRebuildsItWithDocValues() throws IOException {
        writeOldIndex(new IndexWriterConfig().setCodec(new VectorIndex.QuantizedCodec()));
        assertEquals(new Lucene99HnswScalarQuantizedVectorsFormat().getName(), formatOnDisk());

        VectorIndex index = new VectorIndex(dir);
        assertEquals(0, index.size());
        float[] target = unit();
        index.put(new VectorIndex.Entry("new", target, true, "author", "blog_post"));
        index.commit();
        assertEquals("new", index.nearest(target, 1, null, null, null).get(0).id());
        index.close(null);
    }

    @Test
    void anIndexOfTheQuantizedFormatIsKeptAndSearched() throws IOException {
        float[] target = unit();
        VectorIndex index = new VectorIndex(dir);
        index.put(new VectorIndex.Entry("near", target, true, "author", "blog_post"));
        for (int i = 0; i < 20; i++) {
            index.put(new VectorIndex.Entry("other-" + i, unit(), true, "author", "blog_post"));
        }
        index.commit();
        index.close(null);

        VectorIndex reopened = new VectorIndex(dir);
        assertEquals(21, reopened.size());
        List<ScoredId> nearest = reopened.nearest(target, 1, null, null, null);
        assertEquals("near", nearest.get(0).id());
        reopened.close(null);
    }

    @Test
    void segmentsOfTheOtherBitsAreSearchedBesideNewOnesAndMergedTogether() throws IOException {
        float[] near7 = unit();
        float[] near4 = unit();
        EmbeddingPriority normal = new EmbeddingPriority(EmbeddingPriority.Policy.NORMAL, 19);
        VectorIndex seven = new VectorIndex(dir, normal, 1, 1, 7);
        seven.put(new VectorIndex.Entry("seven", near7, true, "author", "blog_post"));
        for (int i = 0; i < 20; i++) {
            seven.put(new VectorIndex.Entry("seven-" + i, unit(), true, "author", "blog_post"));
        }
        seven.commit();
        seven.close(null);

        VectorIndex four = new VectorIndex(dir, normal, 1, 1, 4);
        four.put(new VectorIndex.Entry("four", near4, true, "author", "blog_post"));
        four.commit();
        assertEquals(2, four.segmentCount());
        assertEquals("seven", four.nearest(near7, 1, null, null, null).get(0).id());
        assertEquals("four", four.nearest(near4, 1, null, null, null).get(0).id());

        assertEquals(true, four.compactIfDue());
        assertEquals(1, four.segmentCount());
        assertEquals(22, four.size());
        assertEquals("seven", four.nearest(near7, 1, null, null, null).get(0).id());
        assertEquals("four", four.nearest(near4, 1, null, null, null).get(0).id());
        four.close(null);
    }

    @Test
    void bitsOtherThanFourOrSevenAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new VectorIndex.QuantizedCodec(8));
    }

    @Test
    void idsComeBackInScoreOrderFromEverySegment() throws IOException {
        float[] target = unit();
        VectorIndex index = new VectorIndex(dir);
        // Three commits, three segments; the nearer a piece, the later it was written.
        for (int segment = 0; segment < 3; segment++) {
            for (int i = 0; i < 5; i++) {
                index.put(new VectorIndex.Entry("far-" + segment + "-" + i, unit(), true, "author", "blog_post"));
            }
            index.put(new VectorIndex.Entry("near-" + segment, toward(target, 0.5f + 0.2f * segment), true, "author",
                    "blog_post"));
            index.commit();
        }
        List<String> ids = index.nearest(target, 3, null, null, null).stream().map(ScoredId::id).toList();
        assertEquals(List.of("near-2", "near-1", "near-0"), ids);
        index.close(null);
    }

    /** A unit vector whose cosine to {@code target} is about {@code weight} (noise is nearly orthogonal). */
    private static float[] toward(float[] target, float weight) {
        float[] noise = unit();
        float[] v = new float[target.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = weight * target[i] + (float) Math.sqrt(1 - weight * weight) * noise[i];
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** Three pieces as an earlier version wrote them: ids as stored fields, vectors in the config's codec. */
    private void writeOldIndex(IndexWriterConfig config) throws IOException {
        try (IndexWriter old = new IndexWriter(FSDirectory.open(dir), config)) {
            for (int i = 0; i < 3; i++) {
                Document doc = new Document();
                doc.add(new StringField(VectorIndex.ID, "old-" + i, Field.Store.YES));
                doc.add(new KnnFloatVectorField(VectorIndex.VECTOR, unit(), VectorSimilarityFunction.DOT_PRODUCT));
                old.addDocument(doc);
            }
            old.commit();
        }
    }

    private String formatOnDisk() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            return reader.leaves().get(0).reader().getFieldInfos().fieldInfo(VectorIndex.VECTOR)
                    .getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY);
        }
    }

    private static float[] unit() {
        return UnitVectors.random(RANDOM);
    }
}
