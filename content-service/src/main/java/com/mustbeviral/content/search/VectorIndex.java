package com.mustbeviral.content.search;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FileSwitchDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

/**
 * The nearest-neighbour index: Lucene's HNSW graph over the embeddings, on disk under
 * {@code content.search.index-dir}, so a restart opens it rather than rebuilding it. Each piece is one
 * document with its vector and what filters need (visible to all, author, type). The embeddings
 * table is the source of truth: the index can always be rebuilt from it without the model.
 */
@ApplicationScoped
public class VectorIndex {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String PUBLIC = "public";
    static final String AUTHOR = "author";
    static final String TYPE = "type";

    /** Candidates the graph search keeps per query at least: fewer than ~100 costs recall. */
    static final int MIN_BEAM = 100;

    private static final Logger LOG = Logger.getLogger(VectorIndex.class);

    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** What {@link #compactIfDue} merges the index down to, and after how many changes. */
    private final int segments;
    private final int compactAfter;
    /** Puts and removals since the last merge-down (or the start). */
    private final AtomicInteger changes = new AtomicInteger();

    @Inject
    VectorIndex(SearchSettings settings) {
        this(Path.of(settings.indexDir()), new EmbeddingPriority(settings.embeddingPriority(), settings.embeddingNice()),
                settings.indexSegments(), settings.indexCompactAfter(), settings.indexBits());
    }

    VectorIndex(Path dir) {
        this(dir, new EmbeddingPriority(EmbeddingPriority.Policy.NORMAL, 19), 1, 1000, QuantizedCodec.DEFAULT_BITS);
    }

    /**
     * {@code merges}: how Lucene's merge threads are scheduled (as the embedders: see {@link LoweredMerges});
     * {@code segments} and {@code compactAfter}: see {@link #compactIfDue}; {@code bits}: see {@link QuantizedCodec}.
     */
    VectorIndex(Path dir, EmbeddingPriority merges, int segments, int compactAfter, int bits) {
        this.segments = segments;
        this.compactAfter = compactAfter;
        try {
            Files.createDirectories(dir);
            // The writer's buffer (vectors and the graph being built) lives on the 128 MB heap beside the
            // graph of a merge: 16 MB, not 32. No compound files: inside one, the float32 vectors would be
            // memory-mapped with the rest (see directory()).
            TieredMergePolicy policy = new TieredMergePolicy();
            policy.setNoCFSRatio(0.0);
            IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(16).setCodec(new QuantizedCodec(bits)).setMergeScheduler(new LoweredMerges(merges))
                    .setUseCompoundFile(false).setMergePolicy(policy);
            writer = new IndexWriter(directory(dir), config);
            if (holdsAnOlderLayout(writer)) {
                // An index from before the quantized format or the ids as doc values: emptied here, so that the
                // embedding worker's start rebuilds it from the stored embeddings (it does when the index is empty).
                writer.deleteAll();
                writer.commit();
            }
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the vector index", e);
        }
    }

    /**
     * The index's files memory-mapped as {@link FSDirectory#open} would, but for the float32 vectors
     * ({@code .vec}), which are read through positional reads. Searches never read them (they score the
     * quantized copy, {@code .veq}, and rescore from SQLite); merges read every one of them, and through a
     * mapping each page they touched counted in the service's RSS until the merged segments were deleted:
     * 384 MB of file-backed RSS while the 100,000 pieces were merged down, 27 after (deploy/bench/README.md,
     * issue 15). Read with {@code pread}, the same pages sit in the kernel's page cache outside the RSS.
     */
    private static Directory directory(Path dir) throws IOException {
        return new FileSwitchDirectory(Set.of(FLOAT_VECTORS), new NIOFSDirectory(dir), new MMapDirectory(dir), true);
    }

    /** The extension of the flat float32 vectors' file of Lucene's HNSW formats. */
    static final String FLOAT_VECTORS = "vec";

    /**
     * The vectors as Lucene's scalar-quantized HNSW ({@code bits} a dimension, 7 or 4, the quantiles
     * learned per segment), the codec's default for everything else. A search walks the graph and scores
     * with the quantized copy, so the memory-mapped pages queries and merges touch, and with them the
     * service's RSS, shrink to an eighth of the float32 bytes at 4 bits (two dimensions a byte), a quarter
     * at 7; the float32 vectors stay in the segment for merges, and the service rescores a query's
     * candidates with the stored float32 embeddings, so the bits decide which candidates are found, not
     * their order. Elasticsearch's {@code int4_hnsw} and {@code int8_hnsw} are the same format.
     */
    static final class QuantizedCodec extends FilterCodec {

        static final int DEFAULT_BITS = 4;
        private final KnnVectorsFormat quantized;
        private final KnnVectorsFormat vectors = new PerFieldKnnVectorsFormat() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return quantized;
            }
        };

        QuantizedCodec() {
            this(DEFAULT_BITS);
        }

        /**
         * Lucene's defaults (16 neighbours, a beam of 100, one merge worker, the quantiles at its fixed
         * confidence interval), {@code bits} packed two a byte at 4. Not the quantiles searched for (a
         * confidence interval of 0, Lucene's suggestion for 4 bits): that took the index thread 2.6 times
         * the CPU a piece and the heap a collection every few flushes while pieces were embedded, for recall
         * the float32 rescoring makes up (recall@10 0.995 against 0.985-0.990 at 100,000; deploy/bench/README.md).
         */
        QuantizedCodec(int bits) {
            super(Codec.getDefault().getName(), Codec.getDefault());
            if (bits != 4 && bits != 7) {
                throw new IllegalArgumentException("content.search.index-bits must be 4 or 7, not " + bits);
            }
            quantized = new Lucene99HnswScalarQuantizedVectorsFormat(16, 100, 1, bits, bits == 4, null, null);
        }

        @Override
        public KnnVectorsFormat knnVectorsFormat() {
            return vectors;
        }
    }

    /**
     * Lucene's concurrent merges on threads that lower themselves as the embedders do: a merge of HNSW
     * segments builds the merged graph again (seconds of CPU at 100,000 pieces), and the writes that cause
     * merges are the embedding worker's, so their merges should no more compete with requests than the
     * embeddings themselves do. Each merge runs on a new thread; it lowers itself before the merge.
     */
    static class LoweredMerges extends ConcurrentMergeScheduler {

        private final EmbeddingPriority priority;

        LoweredMerges(EmbeddingPriority priority) {
            this.priority = priority;
        }

        @Override
        protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
            priority.applyToCurrentThread();
            super.doMerge(mergeSource, merge);
        }
    }

    /**
     * Whether any segment holds its vectors in another format than {@link QuantizedCodec}'s, or its ids
     * as stored fields rather than doc values.
     */
    private static boolean holdsAnOlderLayout(IndexWriter writer) throws IOException {
        String wanted = Lucene99HnswScalarQuantizedVectorsFormat.NAME;
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                FieldInfo vector = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
                if (vector != null && !wanted.equals(vector.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY))) {
                    return true;
                }
                FieldInfo id = leaf.reader().getFieldInfos().fieldInfo(ID);
                if (id != null && id.getDocValuesType() != DocValuesType.BINARY) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the index knows of one piece. */
    public record Entry(String id, float[] vector, boolean visibleToAll, String authorId, String type) {
    }

    public void put(Entry entry) throws IOException {
        Document doc = new Document();
        // The id as a term (updates and deletes find the document by it) and as a binary doc value, which
        // searches read: a stored field, and a sorted doc value's terms dictionary too, decompressed an LZ4
        // block per hit (the first of a semantic query's costs in Java); binary doc values lie uncompressed.
        doc.add(new StringField(ID, entry.id(), Field.Store.NO));
        doc.add(new BinaryDocValuesField(ID, new BytesRef(entry.id())));
        doc.add(new KnnFloatVectorField(VECTOR, entry.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StringField(PUBLIC, entry.visibleToAll() ? "1" : "0", Field.Store.NO));
        doc.add(new StringField(AUTHOR, entry.authorId(), Field.Store.NO));
        doc.add(new StringField(TYPE, entry.type(), Field.Store.NO));
        writer.updateDocument(new Term(ID, entry.id()), doc);
        changes.incrementAndGet();
    }

    public void remove(String id) throws IOException {
        writer.deleteDocuments(new Term(ID, id));
        changes.incrementAndGet();
    }

    /**
     * Merges the index down to {@code content.search.index-segments} segments once it holds more and
     * enough pieces were put or removed since the last time: {@code index-compact-after}, or a twentieth
     * of the index when that is more. Returns whether it merged. Every segment has its own HNSW graph, and
     * a query walks each of them: after a bulk load the writer's flushes leave half a dozen, which cost a
     * query about 2.4 times one (deploy/bench/README.md, issue 15), while Lucene's merge policy would
     * leave up to ten segments of a size alone. Lucene builds the merged graph on the largest segment's
     * when that one has no deletions, and from scratch when it has (an update deletes the piece's old
     * document): scaling the threshold with the index keeps the graph building a merge costs, spread
     * over the changes that made it due, about the same at any size. The merge takes the smallest
     * segments (Lucene's forced merge), runs on the lowered merge threads and is committed and made
     * visible when done; the caller's thread waits for it.
     */
    public boolean compactIfDue() throws IOException {
        int before = segmentCount();
        if (before <= segments) {
            return false;
        }
        int pieces = size();
        if (changes.get() < Math.max(compactAfter, pieces / 20)) {
            return false;
        }
        changes.set(0);
        writer.forceMerge(segments);
        commit();
        LOG.infof("Merged the vector index down from %d segments to %d (%d pieces)", before, segments, pieces);
        return true;
    }

    /** Segments searches see now. */
    int segmentCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Makes the changes durable (a crash after this never loses them) and visible to searches. */
    public void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    public void clear() throws IOException {
        writer.deleteAll();
    }

    public int size() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The {@code k} pieces nearest to {@code target} that the viewer may see (public, or their own),
     * of one author or type when given, best first; scores are cosines mapped to 0..1.
     */
    public List<ScoredId> nearest(float[] target, int k, String viewerId, String authorId, String type) throws IOException {
        BooleanQuery.Builder visible = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(PUBLIC, "1")), Occur.SHOULD);
        if (viewerId != null) {
            visible.add(new TermQuery(new Term(AUTHOR, viewerId)), Occur.SHOULD);
        }
        BooleanQuery.Builder filter = new BooleanQuery.Builder().add(visible.build(), Occur.FILTER);
        if (authorId != null) {
            filter.add(new TermQuery(new Term(AUTHOR, authorId)), Occur.FILTER);
        }
        if (type != null) {
            filter.add(new TermQuery(new Term(TYPE, type)), Occur.FILTER);
        }
        Query query = new KnnFloatVectorQuery(VECTOR, target, Math.max(k, MIN_BEAM), filter.build());
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(query, k);
            String[] ids = idsOf(searcher, top.scoreDocs);
            List<ScoredId> hits = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                hits.add(new ScoredId(ids[i], top.scoreDocs[i].score, null));
            }
            return hits;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The ids of the hits, in their order, from the doc values: each segment's are read forward only, so
     * the hits are visited in document order.
     */
    private static String[] idsOf(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        Integer[] byDoc = new Integer[hits.length];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        String[] ids = new String[hits.length];
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = leaf.reader().getBinaryDocValues(ID);
            }
            if (values == null || !values.advanceExact(doc - leaf.docBase)) {
                throw new IOException("The vector index holds a document without an id: " + doc);
            }
            ids[i] = values.binaryValue().utf8ToString();
        }
        return ids;
    }

    void close(@Observes ShutdownEvent event) throws IOException {
        searchers.close();
        writer.close();
    }
}
