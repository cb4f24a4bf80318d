import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service's side of the embedding peer (embed_peer.sh): what content-service's {@code Embedder} does, on the same
 * jars, without the service around it.
 *
 * <pre>
 *   java -cp CP EmbedRef.java prepare PIECES.txt OUT   # model files, token ids and reference vectors for the peer
 *   java -cp CP EmbedRef.java bench PIECES.txt OUT MODEL POOL RUNS   # MODEL q|fp32, POOL pieces at a time
 *   java -cp CP EmbedRef.java raw PIECES.txt OUT MODEL POOL RUNS     # the model alone on OUT/ids.json (-Darena=false)
 *   java -cp CP EmbedRef.java tokenize PIECES.txt OUT RUNS           # langchain4j's tokenization vs one encode
 * </pre>
 *
 * {@code prepare} writes OUT/{q,fp32}.onnx (the files in langchain4j's jars), OUT/ids.json (each piece's token ids as
 * langchain4j's {@link OnnxBertBiEncoder} makes them, through its own private methods, so nothing is re-implemented)
 * and OUT/ref-{q,fp32}.f32 (each piece's vector, length 1, little-endian float32, from the encoder run the way
 * {@code Embedder} runs it). The others print one line of JSON: pieces/s and CPU ms per piece (the process's, every
 * thread) of each run, and for {@code bench} the cosine of each vector to OUT/ref-MODEL.f32.
 * The session options are those of {@code Embedder.sessionOptions()}: keep them in step.
 */
public class EmbedRef {

    public static void main(String[] args) throws Exception {
        List<String> pieces = Files.readAllLines(Path.of(args[1]));
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        if (args[0].equals("prepare")) {
            prepare(pieces, out);
        } else if (args[0].equals("tokenize")) {
            tokenizeOnly(pieces, Integer.parseInt(args[3]));
        } else if (args[0].equals("raw")) {
            raw(pieces, out, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else {
            bench(pieces, out, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
    }

    static String resource(String model) {
        return model.equals("q") ? "all-minilm-l6-v2-q" : "all-minilm-l6-v2";
    }

    static void prepare(List<String> pieces, Path out) throws Exception {
        for (String model : List.of("q", "fp32")) {
            try (InputStream in = stream(resource(model) + ".onnx")) {
                Files.copy(in, out.resolve(model + ".onnx"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Model m = Model.open("q", 1)) {
            Ids tokenizer = new Ids(m.encoder);
            StringBuilder json = new StringBuilder("[");
            long tokens = 0;
            for (int i = 0; i < pieces.size(); i++) {
                long[] ids = tokenizer.of(pieces.get(i));
                tokens += ids.length;
                json.append(i == 0 ? "" : ",").append(Arrays.toString(ids).replace(" ", ""));
            }
            Files.writeString(out.resolve("ids.json"), json.append("]").toString());
            System.out.printf(Locale.ROOT, "{\"pieces\":%d,\"idsPerPiece\":%.1f}%n", pieces.size(),
                    tokens / (double) pieces.size());
        }
        for (String model : List.of("q", "fp32")) {
            try (Model m = Model.open(model, 2);
                 DataOutputStream data = new DataOutputStream(new BufferedOutputStream(
                         Files.newOutputStream(out.resolve("ref-" + model + ".f32"))))) {
                for (float[] v : m.vectors(pieces)) {
                    for (float x : v) {
                        data.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(x)));
                    }
                }
            }
        }
    }

    /** The ids OnnxBertBiEncoder.embed feeds the model: tokenize, cut at 510, back to text, encode with [CLS]/[SEP]. */
    static final class Ids {
        final OnnxBertBiEncoder encoder;
        final Object tokenizer;
        final Method tokenize;
        final Method encode;
        final Method toText;
        final Method partition;
        final Method getIds;

        Ids(OnnxBertBiEncoder encoder) throws Exception {
            this.encoder = encoder;
            Field tokenizerField = OnnxBertBiEncoder.class.getDeclaredField("tokenizer");
            tokenizerField.setAccessible(true);
            tokenizer = tokenizerField.get(encoder);
            tokenize = tokenizer.getClass().getMethod("tokenize", String.class);
            encode = tokenizer.getClass().getMethod("encode", String.class, boolean.class, boolean.class);
            toText = OnnxBertBiEncoder.class.getDeclaredMethod("toText", List.class);
            toText.setAccessible(true);
            partition = OnnxBertBiEncoder.class.getDeclaredMethod("partition", List.class, int.class);
            partition.setAccessible(true);
            getIds = encode.getReturnType().getMethod("getIds");
        }

        long[] of(String text) throws Exception {
            List<?> parts = (List<?>) partition.invoke(null, tokenize.invoke(tokenizer, text), 510);
            if (parts.size() != 1) {
                throw new IllegalStateException("a piece longer than one window: the peer reads one");
            }
            return (long[]) getIds.invoke(encode.invoke(tokenizer, toText.invoke(encoder, parts.get(0)), true, false));
        }

        long[] once(String text) throws Exception {
            return (long[]) getIds.invoke(encode.invoke(tokenizer, text, true, false));
        }
    }

    /**
     * CPU ms per piece of langchain4j's tokenization alone (the peer is given the ids), one thread, each of RUNS runs;
     * and of one {@code encode} of the text, with how many pieces get the same ids that way.
     */
    static void tokenizeOnly(List<String> pieces, int runs) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Model m = Model.open("q", 1)) {
            Ids ids = new Ids(m.encoder);
            // One encode of the text, as a caller holding the tokenizer could do: are its ids langchain4j's?
            int same = 0;
            for (String p : pieces) {
                if (Arrays.equals(ids.of(p), ids.once(p))) {
                    same++;
                }
            }
            StringBuilder json = new StringBuilder("{\"sameIdsOnce\":" + same + ",\"tokenize\":[");
            StringBuilder once = new StringBuilder("],\"once\":[");
            for (int r = 0; r < runs; r++) {
                long c0 = os.getProcessCpuTime();
                for (String p : pieces) {
                    ids.of(p);
                }
                long c1 = os.getProcessCpuTime();
                for (String p : pieces) {
                    ids.once(p);
                }
                long c2 = os.getProcessCpuTime();
                json.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", (c1 - c0) / 1e6 / pieces.size()));
                once.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", (c2 - c1) / 1e6 / pieces.size()));
            }
            System.out.println(json.append(once).append("]}"));
        }
    }

    /**
     * The peer's work on the service's runtime: the model run on the ids of OUT/ids.json (no tokenizer, no langchain4j),
     * Embedder's session options, POOL threads each taking the next piece, mean pooling. Pieces/s and CPU ms per piece.
     */
    static void raw(List<String> pieces, Path out, String model, int pool, int runs) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String json = Files.readString(out.resolve("ids.json"));
        List<long[]> all = new ArrayList<>();
        for (String row : json.substring(2, json.length() - 2).split("\\],\\[")) {
            all.add(Arrays.stream(row.split(",")).mapToLong(Long::parseLong).toArray());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (Model m = Model.open(model, pool)) {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            Runnable work = () -> {
                try {
                    for (int i = next.getAndIncrement(); i < all.size(); i = next.getAndIncrement()) {
                        long[] ids = all.get(i);
                        long[] mask = new long[ids.length];
                        Arrays.fill(mask, 1);
                        long[] shape = {1, ids.length};
                        try (var a = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(ids), shape);
                             var b = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(mask), shape);
                             var c = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(new long[ids.length]), shape);
                             var result = m.session.run(java.util.Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
                            float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
                            float[] mean = new float[384];
                            for (float[] t : hidden) {
                                for (int d = 0; d < 384; d++) {
                                    mean[d] += t[d] / hidden.length;
                                }
                            }
                        }
                    }
                } catch (OrtException e) {
                    throw new IllegalStateException(e);
                }
            };
            StringBuilder line = new StringBuilder("{\"onnxruntime\":\"" + env.getVersion() + "\",\"raw\":true,\"model\":\""
                    + model + "\",\"pool\":" + pool + ",\"runs\":[");
            for (int r = -1; r < runs; r++) {
                next.set(0);
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int t = 0; t < pool; t++) {
                    done.add(m.executor.submit(work));
                }
                for (var f : done) {
                    f.get();
                }
                if (r < 0) {
                    continue; // warm-up
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                line.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"itemsPerS\":%.1f,\"cpuMsPerItem\":%.3f}",
                        all.size() / wall, (os.getProcessCpuTime() - c0) / 1e6 / all.size()));
            }
            System.out.println(line.append("],\"peakRssMb\":").append(peakRssMb()).append("}"));
        }
    }

    /** VmHWM: the process's peak resident memory (the JVM's included). */
    static long peakRssMb() throws java.io.IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** RUNS runs over all pieces (after one warm-up run), POOL pieces at a time as the service's worker does. */
    static void bench(List<String> pieces, Path out, String model, int pool, int runs) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Model m = Model.open(model, pool)) {
            m.vectors(pieces.subList(0, Math.min(64, pieces.size())));
            StringBuilder json = new StringBuilder("{\"onnxruntime\":\"" + OrtEnvironment.getEnvironment().getVersion()
                    + "\",\"model\":\"" + model + "\",\"pool\":" + pool + ",\"runs\":[");
            List<float[]> vectors = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                vectors.clear();
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                // The worker's batches of 128.
                for (int i = 0; i < pieces.size(); i += 128) {
                    vectors.addAll(m.vectors(pieces.subList(i, Math.min(pieces.size(), i + 128))));
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpuMs = (os.getProcessCpuTime() - c0) / 1e6;
                json.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"itemsPerS\":%.1f,\"cpuMsPerItem\":%.3f}", pieces.size() / wall, cpuMs / pieces.size()));
            }
            // Against the vectors of `prepare` (the service's class path): another runtime version may round otherwise.
            java.nio.FloatBuffer ref = java.nio.ByteBuffer.wrap(Files.readAllBytes(out.resolve("ref-" + model + ".f32")))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            double min = 1, sum = 0;
            for (int i = 0; i < vectors.size(); i++) {
                double dot = 0;
                for (int d = 0; d < 384; d++) {
                    dot += vectors.get(i)[d] * ref.get(i * 384 + d);
                }
                min = Math.min(min, dot);
                sum += dot;
            }
            System.out.println(json.append(String.format(Locale.ROOT, "],\"cosineMin\":%.6f,\"cosineMean\":%.6f}",
                    min, sum / vectors.size())));
        }
    }

    static InputStream stream(String name) {
        InputStream in = EmbedRef.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return in;
    }

    /** Embedder's session and encoder, {@code pool} pieces at a time. */
    static final class Model extends AbstractInProcessEmbeddingModel implements AutoCloseable {

        final OnnxBertBiEncoder encoder;
        final OrtSession session;
        final ExecutorService executor;

        private Model(OnnxBertBiEncoder encoder, OrtSession session, ExecutorService executor) {
            super(executor);
            this.encoder = encoder;
            this.session = session;
            this.executor = executor;
        }

        static Model open(String model, int pool) throws Exception {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            Path file = Files.createTempFile("embed-ref", ".onnx");
            OrtSession session;
            try (InputStream in = stream(resource(model) + ".onnx"); OrtSession.SessionOptions options = sessionOptions()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                session = env.createSession(file.toString(), options);
            } finally {
                Files.deleteIfExists(file);
            }
            try (InputStream tokenizer = stream(resource(model) + "-tokenizer.json")) {
                return new Model(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN), session,
                        Executors.newFixedThreadPool(pool));
            }
        }

        /** As Embedder.sessionOptions(). */
        static OrtSession.SessionOptions sessionOptions() throws OrtException {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            // The runtime's arena and memory patterns, on as in Embedder; -Darena=false turns both off, to measure what they save.
            boolean arena = !"false".equals(System.getProperty("arena"));
            options.setCPUArenaAllocator(arena);
            options.setMemoryPatternOptimization(arena);
            return options;
        }

        List<float[]> vectors(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (Embedding e : embedAll(texts.stream().map(TextSegment::from).toList()).content()) {
                out.add(unit(e.vector()));
            }
            return out;
        }

        static float[] unit(float[] v) {
            double sum = 0;
            for (float x : v) {
                sum += x * x;
            }
            float norm = (float) Math.sqrt(sum);
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] / norm;
            }
            return out;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }

        @Override
        public void close() throws OrtException {
            executor.shutdownNow();
            session.close();
        }
    }
}
