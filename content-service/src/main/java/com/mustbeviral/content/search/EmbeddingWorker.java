package com.mustbeviral.content.search;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Brings the vector index up to date with content, off the request path: takes queued pieces
 * ({@code vector_jobs}), embeds those whose text changed since their stored embedding, stores the
 * embeddings, updates the index, commits it, and only then deletes the jobs. A crash anywhere in
 * between leaves the jobs queued, and the next run does them again (every step is an upsert). The
 * model runs on {@link Embedder}'s low-priority threads and the index's writes on {@link IndexWrites}'
 * low-priority thread; this thread (the scheduler's, shared with requests) only reads the queue,
 * hashes the texts and stores the embeddings.
 */
@ApplicationScoped
public class EmbeddingWorker {

    private static final Logger LOG = Logger.getLogger(EmbeddingWorker.class);

    /** Batches whose index changes may wait for the index thread while this thread goes on. */
    private static final int APPLIED_AHEAD = 4;

    private final VectorJobs jobs;
    private final VectorIndex index;
    private final IndexWrites indexWrites;
    private final Embedder embedder;
    private final SearchSettings settings;
    private final Clock clock;
    /** Set at shutdown: the worker stops after its batch rather than draining a long queue first (the rest stays queued). */
    private volatile boolean stopping;
    /** Set once the start's rebuild (if any) is done; ticks before that are skipped. */
    private volatile boolean started;

    EmbeddingWorker(VectorJobs jobs, VectorIndex index, IndexWrites indexWrites, Embedder embedder, SearchSettings settings,
            Clock clock) {
        this.jobs = jobs;
        this.index = index;
        this.indexWrites = indexWrites;
        this.embedder = embedder;
        this.settings = settings;
        this.clock = clock;
    }

    /** An index lost or never built (a new volume) is rebuilt from the stored embeddings, without the model. */
    void onStart(@Observes StartupEvent event) throws IOException, SQLException {
        if (index.size() == 0) {
            rebuild();
        }
        started = true;
    }

    void onStop(@Observes @jakarta.annotation.Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Skipped until the start's rebuild is done: a tick that came first would hold the worker's lock
     * while it drained the whole queue, and the start (and with it the service's readiness) would wait
     * for that.
     */
    @Scheduled(every = "${content.search.worker-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() throws IOException, SQLException {
        if (started) {
            drain();
        }
    }

    /**
     * Works through the whole queue; returns how many jobs were taken. Three things run at once: this
     * thread reads a batch and starts its embedding, then stores the batch before it (whose embeddings
     * are done by then) and hands its index changes to {@link IndexWrites}' low-priority thread; the
     * pool's threads embed. Jobs are let go of only after the index commit that holds their change,
     * every {@code workerCommitEvery} pieces and at the end; a crash before it leaves them queued, and
     * the next run finds their embeddings stored (same text) and only puts them in the index again.
     */
    public synchronized int drain() throws IOException, SQLException {
        int taken = 0;
        long after = 0;
        IndexWrites.Sequence writes = indexWrites.sequence();
        List<Long> uncommitted = new ArrayList<>();
        Deque<Commit> commits = new ArrayDeque<>();
        Deque<CompletableFuture<Void>> applied = new ArrayDeque<>();
        Batch running = null;
        try {
            while (!stopping) {
                List<VectorJobs.Job> jobsNow = jobs.next(after, settings.workerBatch(), settings.maxAttempts());
                Batch next = jobsNow.isEmpty() ? null : start(jobsNow);
                if (next != null) {
                    after = jobsNow.get(jobsNow.size() - 1).job();
                    taken += jobsNow.size();
                }
                if (running != null) {
                    uncommitted.addAll(finish(running, writes, applied));
                    if (uncommitted.size() >= settings.workerCommitEvery()) {
                        commits.add(new Commit(writes.commit(), List.copyOf(uncommitted)));
                        uncommitted.clear();
                    }
                    letGoOfCommitted(commits, false);
                }
                running = next;
                if (next == null || jobsNow.size() < settings.workerBatch()) {
                    break;
                }
            }
            if (running != null && !stopping) {
                uncommitted.addAll(finish(running, writes, applied));
            }
        } finally {
            if (!uncommitted.isEmpty()) {
                commits.add(new Commit(writes.commit(), List.copyOf(uncommitted)));
            }
            letGoOfCommitted(commits, true);
        }
        if (taken > 0) {
            compactLater();
        }
        return taken;
    }

    /** Has the index thread merge the index down if enough changed (VectorIndex#compactIfDue); nobody waits for it. */
    private void compactLater() {
        indexWrites.sequence().compact().exceptionally(e -> {
            LOG.warn("Merging the vector index down failed; its segments stay as they are", e);
            return null;
        });
    }

    /** A batch whose embeddings are being computed: {@code vectors} in the order of {@code toEmbed}. */
    private record Batch(List<VectorJobs.Job> jobs, List<VectorJobs.Job> toEmbed, List<String> digests,
            CompletableFuture<List<float[]>> vectors) {
    }

    /** An index commit under way and the jobs it lets go of once done. */
    private record Commit(CompletableFuture<Void> done, List<Long> jobs) {
    }

    /**
     * Deletes the jobs of the commits done so far, oldest first (all of them, waiting, when {@code all});
     * a commit that failed keeps its jobs, and every later one, queued, and its error goes up.
     */
    private void letGoOfCommitted(Deque<Commit> commits, boolean all) throws IOException, SQLException {
        while (!commits.isEmpty() && (all || commits.peek().done().isDone())) {
            Commit c = commits.poll();
            try {
                c.done().join();
            } catch (CompletionException e) {
                commits.clear();
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e;
            }
            jobs.done(c.jobs());
        }
    }

    /** Picks the jobs whose text changed since their stored embedding and starts embedding those. */
    private Batch start(List<VectorJobs.Job> batch) {
        List<VectorJobs.Job> toEmbed = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (VectorJobs.Job job : batch) {
            VectorJobs.Row row = job.row();
            if (row != null && !row.deleted()) {
                String text = text(row);
                String sha = sha256(text);
                if (!sha.equals(row.embeddedSha256())) {
                    toEmbed.add(job);
                    texts.add(text);
                    digests.add(sha);
                }
            }
        }
        CompletableFuture<List<float[]>> vectors;
        try {
            vectors = texts.isEmpty() ? CompletableFuture.completedFuture(List.of()) : embedder.embedLater(texts);
        } catch (RuntimeException e) { // refused at once (the service stopping): as if the embedding had failed
            vectors = CompletableFuture.failedFuture(e);
        }
        return new Batch(batch, toEmbed, digests, vectors);
    }

    /**
     * Stores a batch's embeddings and hands its index changes over; returns the jobs done (not those
     * whose embedding failed, left for a later try). At most {@link #APPLIED_AHEAD} batches' changes wait
     * for the index thread: beyond that this thread waits, so a slow index never piles up vectors.
     */
    private List<Long> finish(Batch batch, IndexWrites.Sequence writes, Deque<CompletableFuture<Void>> applied)
            throws SQLException {
        List<float[]> vectors;
        try {
            vectors = batch.vectors().join();
        } catch (CompletionException | CancellationException e) {
            if (stopping) {
                return List.of(); // the model closed under a stopping service: not the pieces' fault, no attempt counted
            }
            LOG.warnf(e.getCause() != null ? e.getCause() : e, "Embedding a batch of %d failed; each is tried again",
                    batch.toEmbed().size());
            for (VectorJobs.Job job : batch.toEmbed()) {
                jobs.failed(job.job());
            }
            return List.of();
        }
        List<VectorJobs.Job> toEmbed = batch.toEmbed();
        List<VectorJobs.Embedding> embeddings = new ArrayList<>(toEmbed.size());
        for (int i = 0; i < toEmbed.size(); i++) {
            embeddings.add(new VectorJobs.Embedding(toEmbed.get(i).contentId(), batch.digests().get(i), vectors.get(i)));
        }
        jobs.saveEmbeddings(embeddings, clock.millis());
        Map<VectorJobs.Job, float[]> embedded = new IdentityHashMap<>();
        for (int i = 0; i < toEmbed.size(); i++) {
            embedded.put(toEmbed.get(i), vectors.get(i));
        }
        List<IndexWrites.Change> changes = new ArrayList<>(batch.jobs().size());
        List<Long> done = new ArrayList<>(batch.jobs().size());
        for (VectorJobs.Job job : batch.jobs()) {
            VectorJobs.Row row = job.row();
            float[] vector = embedded.containsKey(job) ? embedded.get(job) : row == null ? null : row.vector();
            if (row == null || row.deleted() || vector == null) {
                changes.add(new IndexWrites.Change(job.contentId(), null));
            } else {
                changes.add(new IndexWrites.Change(job.contentId(),
                        new VectorIndex.Entry(job.contentId(), vector, row.visibleToAll(), row.authorId(), row.type())));
            }
            done.add(job.job());
        }
        applied.add(writes.apply(changes));
        while (applied.size() > APPLIED_AHEAD) {
            applied.poll().exceptionally(e -> null).join(); // its error, if any, fails the sequence's commit
        }
        return done;
    }

    /**
     * Rebuilds the index from the stored embeddings; returns how many pieces it holds. The index thread
     * merges the segments the rebuild's flushes left down afterwards.
     */
    public synchronized int rebuild() throws IOException, SQLException {
        index.clear();
        int[] count = { 0 };
        jobs.eachEmbedded(entry -> {
            try {
                index.put(entry);
                count[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        index.commit();
        compactLater();
        return count[0];
    }

    /** What the model reads: the title, then the start of the body. */
    String text(VectorJobs.Row row) {
        String text = row.title() + ". " + row.body();
        return text.length() <= settings.embeddedChars() ? text : text.substring(0, settings.embeddedChars());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
