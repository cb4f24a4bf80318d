package com.mustbeviral.content.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ids come straight from the tokenizer's library, and the inputs built around them are the tokenizer's own. */
class OneEncodeTest {

    private static final List<String> TEXTS = List.of(
            "Pulling an espresso shot. Grind fine, tamp evenly and extract for twenty-five seconds.",
            "Ünïcödé and émojis 🚲 fold as the tokenizer says",
            "",
            "Long posts go through in parts. ".repeat(120));

    @TempDir
    Path dir;

    @Test
    void idsMaskAndTypesAreWhatTheTokenizersEncodingSays() throws Exception {
        Path model = dir.resolve("model.onnx");
        try (InputStream in = resource("all-minilm-l6-v2-q.onnx")) {
            Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = Embedder.sessionOptions(true);
                OrtSession session = env.createSession(model.toString(), options);
                InputStream tokenizer = resource("all-minilm-l6-v2-q-tokenizer.json");
                OneEncode encode = new OneEncode(env, session, tokenizer)) {
            for (String text : TEXTS) {
                Encoding theirs = encode.encoding(text);
                long[] ids = encode.ids(text);
                assertArrayEquals(theirs.getIds(), ids, text);
                long[] ones = new long[ids.length];
                Arrays.fill(ones, 1);
                assertArrayEquals(theirs.getAttentionMask(), ones, text);
                assertArrayEquals(theirs.getTypeIds(), new long[ids.length], text);
            }
            assertEquals(2, encode.ids("").length); // [CLS] [SEP]: left to langchain4j (embed answers null)
        }
    }

    private static InputStream resource(String name) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    }
}
