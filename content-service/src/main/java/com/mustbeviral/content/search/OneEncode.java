package com.mustbeviral.content.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A text of up to 510 word pieces through the model with one tokenization: what langchain4j's
 * {@code OnnxBertBiEncoder.embed} computes (the same tokenizer file, the same inputs, mean pooling),
 * without its three passes of the tokenizer per text (tokenize, back to text, encode), which were
 * 0.78 of its ~8 ms per piece against 0.22 for one {@code encode} giving the same ids (the embedding
 * peer's measurement, deploy/bench/README.md). Longer texts, which langchain4j cuts into parts and
 * averages, and empty ones are left to it: {@link #embed} answers null for them.
 */
final class OneEncode implements AutoCloseable {

    /** BERT's 512 positions: [CLS], 510 word pieces, [SEP]. */
    private static final int MAX_IDS = 512;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    OneEncode(OrtEnvironment env, OrtSession session, InputStream tokenizerJson) throws IOException {
        this.env = env;
        this.session = session;
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false"));
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** The mean of the text's token vectors (not of length 1), or null when langchain4j must do it. */
    float[] embed(String text) {
        long[] ids = ids(text);
        if (ids.length <= 2 || ids.length > MAX_IDS) {
            return null;
        }
        long[] shape = { 1, ids.length };
        // One sequence, no padding: every token attended, every token of type 0 (what the tokenizer's
        // Encoding would say; OneEncodeTest compares).
        long[] attended = new long[ids.length];
        Arrays.fill(attended, 1);
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(attended), shape);
                OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", input);
            inputs.put("attention_mask", mask);
            if (typeIds) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return mean(((OnnxTensor) result.get(0)).getFloatBuffer(), ids.length);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("The embedding model failed on a text", e);
        }
    }

    /**
     * The text's word piece ids with [CLS] and [SEP], from the tokenizer's native library directly: its
     * {@code encode} also copies out every token as a Java string, their character spans, word, sequence
     * and special-token ids, nine calls into the library where the ids need two.
     */
    long[] ids(String text) {
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, true);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /** What the tokenizer's own {@code encode} gives for the text (for the tests). */
    Encoding encoding(String text) {
        return tokenizer.encode(text, true, false);
    }

    /** Frees the tokenizer's native memory; only when no text is being embedded. */
    @Override
    public void close() {
        tokenizer.close();
    }

    /** The average of {@code tokens} rows of the last hidden state (every token is attended: no padding). */
    private static float[] mean(FloatBuffer hidden, int tokens) {
        int dims = hidden.remaining() / tokens;
        float[] sum = new float[dims];
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < dims; d++) {
                sum[d] += hidden.get();
            }
        }
        for (int d = 0; d < dims; d++) {
            sum[d] /= tokens;
        }
        return sum;
    }
}
