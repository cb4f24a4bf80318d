package com.mustbeviral.content.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code content.search.*}: queries, the nearest-neighbour index and its embedding worker. */
@ConfigMapping(prefix = "content.search")
public interface SearchSettings {

    /** Longest query accepted, in characters. */
    @WithDefault("200")
    int maxQueryLength();

    /** Most terms (words or phrases) in one query. */
    @WithDefault("16")
    int maxTerms();

    /**
     * How deep each ranked list goes: the most results a query pages through, the graph's beam, and what
     * hybrid fuses (a window of 100, as Elasticsearch's RRF; 200 cost a hybrid query ~25 % more CPU).
     */
    @WithDefault("100")
    int depth();

    /**
     * The most slices of the document numbers one keyword-mode ranking runs in at once, each on a core of its
     * own when one is free (DocumentSlices); 1 ranks every query on its own thread alone.
     */
    @WithDefault("2")
    int keywordSlices();

    /** The fewest documents in a slice of a keyword ranking: a smaller index is ranked whole. */
    @WithDefault("10000")
    long keywordSliceDocuments();

    /**
     * How often the keyword index is looked at, and merged down to one segment when it has not changed since
     * the last look (KeywordIndexMerge).
     */
    @WithDefault("30s")
    String keywordMergeEvery();

    /** Pages written per step (one transaction each) of the keyword index's merge-down: ~15 ms a step. */
    @WithDefault("256")
    int keywordMergePages();

    /** The folder of the nearest-neighbour index (Lucene). */
    @WithDefault("${data.dir}/vectors")
    String indexDir();

    /** Characters of title and body the model reads (its window is 256 word pieces anyway). */
    @WithDefault("1000")
    int embeddedChars();

    /** How often the embedding worker looks at its queue. */
    @WithDefault("1s")
    String workerEvery();

    /** Pieces embedded per batch: their embeddings are saved in one transaction. */
    @WithDefault("128")
    int workerBatch();

    /**
     * Pieces the worker embeds before it commits the index and lets go of their jobs (and at the end
     * of the queue): a Lucene commit writes and syncs a segment, and many small ones cost merges.
     */
    @WithDefault("2048")
    int workerCommitEvery();

    /**
     * Segments the vector index is merged down to after enough changes ({@code index-compact-after}): a
     * query walks one HNSW graph per segment, and two large ones cost it about 2.3 times what one does
     * (deploy/bench/README.md, issue 15). Lucene's own merge policy leaves up to ten of a size.
     */
    @WithDefault("1")
    int indexSegments();

    /**
     * Bits a dimension in the vector index's quantized copy, 4 or 7 (VectorIndex.QuantizedCodec). Segments
     * written with the other keep theirs until a merge writes them again.
     */
    @WithDefault("4")
    int indexBits();

    /**
     * Pieces put in or taken out of the index since its last merge-down before the next one is due (or a
     * twentieth of the index, when that is more): a bulk load ends with one, and a trickle of new pieces
     * pays for one per this many.
     */
    @WithDefault("1000")
    int indexCompactAfter();

    /** Pieces embedded at the same time, one per thread (each runs the model on one core). */
    @WithDefault("2")
    int embeddingThreads();

    /**
     * Whether the model's session keeps ONNX Runtime's CPU memory arena and memory patterns: what a piece
     * needs is then reused rather than taken from and given back to malloc each time. On: 6-12 % more
     * pieces a second in the service, and no more resident memory than malloc's own churn left (the arena
     * goes with the model when it is let go of; deploy/bench/README.md, issue 15, session 16).
     */
    @WithDefault("true")
    boolean embeddingArena();

    /**
     * How the embedding threads are scheduled: {@code idle} (default, Linux SCHED_IDLE), {@code nice}
     * (at {@code embedding-nice}) or {@code normal}. Below the request threads, a write burst is
     * served first and its pieces become searchable when the cores are free (see EmbeddingPriority).
     * SCHED_IDLE rather than nice 19: a woken request thread takes the core from an idle-class thread
     * at once, where a nice 19 one may finish its slice first (creates/s, deploy/bench/README.md).
     */
    @WithDefault("idle")
    EmbeddingPriority.Policy embeddingPriority();

    /** The embedding threads' nice value (1..19) with {@code embedding-priority=nice}. */
    @WithDefault("19")
    int embeddingNice();

    /**
     * How long the embedding model stays loaded with nothing to embed (no queued piece, no semantic
     * query): after it, the ONNX session's native memory and threads go back, and the next use loads it again in 1-3 s.
     */
    @WithDefault("30s")
    java.time.Duration modelIdle();

    /** Attempts at one piece before the worker leaves it for an operator (the row stays in vector_jobs). */
    @WithDefault("5")
    int maxAttempts();
}
