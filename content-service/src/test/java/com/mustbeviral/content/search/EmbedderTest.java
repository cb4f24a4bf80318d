package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The tuned session computes langchain4j's vectors: the same model, tokenizer and pooling, nothing else. */
class EmbedderTest {

    private static final List<String> TEXTS = List.of(
            "Pulling an espresso shot. Grind fine, tamp evenly and extract for twenty-five seconds.",
            "Repairing a bicycle puncture",
            "A beginner's guide to sourdough: feed the starter, knead the dough and proof the loaf overnight before it goes into a hot oven.",
            "Ünïcödé and émojis 🚲 fold as the tokenizer says");

    @Test
    void vectorsAreLangchain4jsAllMiniLmL6V2QuantizedOnesInTheTextsOrder() {
        Embedder embedder = new Embedder(2, Clock.systemUTC(), Duration.ofMinutes(1));
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
        Embedder embedder = new Embedder(2, Clock.systemUTC(), Duration.ofMinutes(1));
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
        Embedder embedder = new Embedder(1, Clock.systemUTC(), Duration.ZERO);
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
        Embedder embedder = new Embedder(2, Clock.systemUTC(), Duration.ZERO);
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
}
