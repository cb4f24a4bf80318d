package com.mustbeviral.content.search;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Brings the vector index up to date with content, off the request path: takes queued pieces
 * ({@code vector_jobs}), embeds those whose text changed since their stored embedding, stores the
 * embeddings, updates the index, commits it, and only then deletes the jobs. A crash anywhere in
 * between leaves the jobs queued, and the next run does them again (every step is an upsert).
 */
@ApplicationScoped
public class EmbeddingWorker {

    private static final Logger LOG = Logger.getLogger(EmbeddingWorker.class);

    private final VectorJobs jobs;
    private final VectorIndex index;
    private final Embedder embedder;
    private final SearchSettings settings;
    private final Clock clock;
    /** Set at shutdown: the worker stops after its batch rather than draining a long queue first (the rest stays queued). */
    private volatile boolean stopping;
    /** Set once the start's rebuild (if any) is done; ticks before that are skipped. */
    private volatile boolean started;

    EmbeddingWorker(VectorJobs jobs, VectorIndex index, Embedder embedder, SearchSettings settings, Clock clock) {
        this.jobs = jobs;
        this.index = index;
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
     * Works through the whole queue; returns how many jobs were taken. Jobs are let go of only after
     * the index commit that holds their change, every {@code workerCommitEvery} pieces and at the end;
     * a crash before it leaves them queued, and the next run finds their embeddings stored (same text)
     * and only puts them in the index again.
     */
    public synchronized int drain() throws IOException, SQLException {
        int taken = 0;
        long after = 0;
        List<Long> uncommitted = new ArrayList<>();
        try {
            while (!stopping) {
                List<VectorJobs.Job> batch = jobs.next(after, settings.workerBatch(), settings.maxAttempts());
                if (batch.isEmpty()) {
                    break;
                }
                after = batch.get(batch.size() - 1).job();
                taken += batch.size();
                uncommitted.addAll(runBatch(batch));
                if (uncommitted.size() >= settings.workerCommitEvery()) {
                    commit(uncommitted);
                }
                if (batch.size() < settings.workerBatch()) {
                    break;
                }
            }
        } finally {
            if (!uncommitted.isEmpty()) {
                commit(uncommitted);
            }
        }
        return taken;
    }

    private void commit(List<Long> uncommitted) throws IOException, SQLException {
        index.commit();
        jobs.done(uncommitted);
        uncommitted.clear();
    }

    /** Rebuilds the index from the stored embeddings; returns how many pieces it holds. */
    public synchronized int rebuild() throws IOException, SQLException {
        index.clear();
        int[] count = { 0 };
        jobs.eachEmbedded(entry -> {
            try {
                index.put(entry);
                count[0]++;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        index.commit();
        return count[0];
    }

    /** Embeds and indexes one batch; returns the jobs done (not those whose embedding failed, left for a later try). */
    private List<Long> runBatch(List<VectorJobs.Job> batch) throws IOException, SQLException {
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
        List<float[]> vectors;
        try {
            vectors = texts.isEmpty() ? List.of() : embedder.embedAll(texts);
        } catch (RuntimeException e) {
            if (stopping) {
                return List.of(); // the model closed under a stopping service: not the pieces' fault, no attempt counted
            }
            LOG.warnf(e, "Embedding a batch of %d failed; each is tried again", texts.size());
            for (VectorJobs.Job job : toEmbed) {
                jobs.failed(job.job());
            }
            return List.of();
        }
        List<VectorJobs.Embedding> embeddings = new ArrayList<>(toEmbed.size());
        for (int i = 0; i < toEmbed.size(); i++) {
            embeddings.add(new VectorJobs.Embedding(toEmbed.get(i).contentId(), digests.get(i), vectors.get(i)));
        }
        jobs.saveEmbeddings(embeddings, clock.millis());
        List<Long> done = new ArrayList<>(batch.size());
        for (VectorJobs.Job job : batch) {
            VectorJobs.Row row = job.row();
            int embedded = toEmbed.indexOf(job);
            float[] vector = embedded >= 0 ? vectors.get(embedded) : row == null ? null : row.vector();
            if (row == null || row.deleted() || vector == null) {
                index.remove(job.contentId());
            } else {
                index.put(new VectorIndex.Entry(job.contentId(), vector, row.visibleToAll(), row.authorId(), row.type()));
            }
            done.add(job.job());
        }
        return done;
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
