package com.mustbeviral.content.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * all-MiniLM-L6-v2 run in process (the ONNX model ships in langchain4j's jar; nothing is fetched):
 * 384 dimensions, each vector scaled to length 1 so that a dot product is the cosine.
 * The model loads on first use (1-3 s), in the worker or the first semantic query.
 */
@ApplicationScoped
public class Embedder {

    public static final String MODEL = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;

    private volatile EmbeddingModel model;

    public float[] embed(String text) {
        return unit(model().embed(text).content().vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        return model().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> unit(e.vector())).toList();
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                m = model;
            }
        }
        return m;
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
