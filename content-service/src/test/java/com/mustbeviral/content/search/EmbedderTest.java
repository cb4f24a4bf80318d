package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The tuned session computes langchain4j's vectors: the same model, tokenizer and pooling, nothing else. */
class EmbedderTest {

    private static final EmbeddingPriority NICE_19 = new EmbeddingPriority(EmbeddingPriority.Policy.NICE, 19);

    private static final List<String> TEXTS = List.of(
            "Pulling an espresso shot. Grind fine, tamp evenly and extract for twenty-five seconds.",
            "Repairing a bicycle puncture",
            "A beginner's guide to sourdough: feed the starter, knead the dough and proof the loaf overnight before it goes into a hot oven.",
            "Ünïcödé and émojis 🚲 fold as the tokenizer says",
            // Over 510 word pieces: langchain4j's parts, averaged (not OneEncode's single pass).
            "Long posts go through in parts. ".repeat(120));

    @Test
    void vectorsAreLangchain4jsAllMiniLmL6V2QuantizedOnesInTheTextsOrder() {
        Embedder embedder = new Embedder(2, Clock.systemUTC(), Duration.ofMinutes(1), NICE_19);
        List<float[]> ours = embedder.embedAll(TEXTS);
        List<float[]> theirs = new AllMiniLmL6V2QuantizedEmbeddingModel()
                .embedAll(TEXTS.stream().map(TextSegment::from).toList()).content().stream().map(e -> e.vector()).toList();
        assertEquals(TEXTS.size(), ours.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] a = ours.get(i);
            float[] b = Embedder.unit(theirs.get(i));
            assertEquals(Embedder.DIMENSIONS, a.length);
            double cosine = 0;
            for (int j = 0; j < a.length; j++) {
                cosine += a[j] * b[j];
            }
            assertTrue(cosine > 0.99999, "text " + i + ": cosine " + cosine);
        }
        float[] single = embedder.embed(TEXTS.get(1));
        double cosine = 0;
        for (int j = 0; j < single.length; j++) {
            cosine += single[j] * ours.get(1)[j];
        }
        assertTrue(cosine > 0.99999, "one text alone gets the vector it gets among others: " + cosine);
    }

    @Test
    void closingWaitsForTheRunningBatchAndRefusesLaterOnes() throws Exception {
        Embedder embedder = new Embedder(2, Clock.systemUTC(), Duration.ofMinutes(1), NICE_19);
        List<String> batch = Collections.nCopies(200, TEXTS.get(2));
        CompletableFuture<List<float[]>> running = CompletableFuture.supplyAsync(() -> embedder.embedAll(batch));
        Awaitility.await().until(embedder::busy);
        embedder.close(null);
        assertEquals(200, running.join().size(), "the batch under way ran to its end in the open session");
        assertThrows(IllegalStateException.class, () -> embedder.embed("after the close"));
    }

    /** Idle, the model is let go of; the next call loads it again and gets the very same vector. */
    @Test
    void anIdleModelIsLetGoOfAndLoadedAgainOnTheNextUse() throws Exception {
        Embedder embedder = new Embedder(1, Clock.systemUTC(), Duration.ZERO, NICE_19);
        assertFalse(embedder.unloadIfIdle(), "nothing loaded yet");
        float[] before = embedder.embed(TEXTS.get(0));
        assertTrue(embedder.isLoaded());

        assertTrue(embedder.unloadIfIdle());
        assertFalse(embedder.isLoaded());

        float[] after = embedder.embed(TEXTS.get(0));
        assertTrue(embedder.isLoaded());
        assertArrayEquals(before, after);
        embedder.close(null);
    }

    /** A model in use for longer than the idle time is never let go of under the running batch. */
    @Test
    void aModelInUseIsNeverLetGoOf() throws Exception {
        Embedder embedder = new Embedder(2, Clock.systemUTC(), Duration.ZERO, NICE_19);
        embedder.embed(TEXTS.get(0));
        List<String> batch = Collections.nCopies(200, TEXTS.get(2));
        CompletableFuture<List<float[]>> running = CompletableFuture.supplyAsync(() -> embedder.embedAll(batch));
        Awaitility.await().until(embedder::busy);
        assertFalse(embedder.unloadIfIdle());
        assertTrue(embedder.isLoaded());
        assertEquals(200, running.join().size());
        assertTrue(embedder.unloadIfIdle());
        embedder.close(null);
    }

    /**
     * The model computes on the pool's low-priority threads, one text alone included: those threads
     * are at nice 19, the runtime starts no threads of its own, and they, not the caller, spend the CPU.
     */
    @Test
    void theModelRunsOnThePoolsLowPriorityThreadsOnly() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        Map<String, String> older = tasks(); // other tests' embedders among them
        Embedder embedder = new Embedder(2, Clock.systemUTC(), Duration.ofMinutes(1), NICE_19);
        embedder.embedAll(Collections.nCopies(16, TEXTS.get(2))); // loaded and warm
        OptionalInt callerNice = EmbeddingPriority.currentNice();
        Map<String, String> before = tasks();
        long callerBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long processBefore = processTicks();

        embedder.embedAll(List.of(TEXTS.get(0)));
        embedder.embedAll(Collections.nCopies(64, TEXTS.get(2)));

        long callerNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - callerBefore;
        long processTicks = processTicks() - processBefore;
        Map<String, String> after = tasks();
        List<String> newThreads = after.keySet().stream().filter(tid -> !before.containsKey(tid))
                .map(after::get).filter(name -> !name.contains("Compiler")).toList();
        assertEquals(List.of(), newThreads, "no threads but the pool's, started before the measurement");
        long embedderTicks = 0;
        int embedders = 0;
        for (Map.Entry<String, String> task : after.entrySet()) {
            if (task.getValue().startsWith("embedder-") && !older.containsKey(task.getKey())) {
                String[] stat = stat(task.getKey());
                assertEquals(19, Integer.parseInt(stat[19 - 3]), task.getValue() + " runs at nice 19");
                embedderTicks += Long.parseLong(stat[14 - 3]) + Long.parseLong(stat[15 - 3]);
                embedders++;
            }
        }
        assertEquals(2, embedders);
        assertTrue(embedderTicks >= processTicks / 2, "the pool did most of the work: " + embedderTicks + " of " + processTicks + " ticks");
        assertTrue(callerNanos < 50_000_000L, "the caller only waited: " + callerNanos / 1_000_000 + " ms of CPU");
        assertEquals(callerNice, EmbeddingPriority.currentNice(), "the caller's own priority is untouched");
        embedder.close(null);
    }

    /** Thread id to name, of this process. */
    private static Map<String, String> tasks() throws IOException {
        Map<String, String> tasks = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc/self/task"))) {
            for (Path dir : dirs.toList()) {
                try {
                    tasks.put(dir.getFileName().toString(), Files.readString(dir.resolve("comm")).trim());
                } catch (IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return tasks;
    }

    /** The fields of a thread's stat after its name (index = field number - 3). */
    private static String[] stat(String tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static long processTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }
}
