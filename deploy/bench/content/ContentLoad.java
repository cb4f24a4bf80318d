import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content bench's own client, for what wrk cannot do (JDK alone, virtual threads):
 *
 *   java ContentLoad.java seed BASE_URL TOKEN COUNT IN_FLIGHT OUT_DIR
 *       creates COUNT public posts and publishes each; writes their ids to OUT_DIR/ids.txt and the
 *       feed's cursors (limit 20, walked to the end) to OUT_DIR/cursors.txt, URL-encoded.
 *   java ContentLoad.java limit BASE_URL TOKEN CONCURRENT
 *       CONCURRENT POST /api/content/generate of one user at the same moment (each on a connection
 *       of its own, all released by one latch); prints
 *       "created=<201s> refused=<402s> other=<rest> p50_ms p99_ms wall_ms".
 */
public class ContentLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"next_cursor\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
            case "limit" -> limit(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("seed | limit");
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    static void seed(String base, String token, int count, int inFlight, Path out) throws Exception {
        HttpClient http = client();
        String run = Long.toString(System.currentTimeMillis(), 36);
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        Semaphore gate = new Semaphore(inFlight);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                gate.acquire();
                threads.submit(() -> {
                    try {
                        String body = "{\"type\":\"blog_post\",\"visibility\":\"public\",\"title\":\"Seed " + run + " " + n
                                + "\",\"body\":\"A seeded post for the read benchmark, number " + n
                                + ", about gardening in small spaces.\",\"tags\":[\"bench\",\"garden" + (n % 10) + "\"]}";
                        HttpResponse<String> created = http.send(post(base + "/api/content", token, body),
                                HttpResponse.BodyHandlers.ofString());
                        if (created.statusCode() != 201) {
                            throw new IllegalStateException("create " + created.statusCode() + " " + created.body());
                        }
                        Matcher id = ID.matcher(created.body());
                        id.find();
                        HttpResponse<String> published = http.send(post(base + "/api/content/" + id.group(1) + "/publish",
                                token, null), HttpResponse.BodyHandlers.ofString());
                        if (published.statusCode() != 200) {
                            throw new IllegalStateException("publish " + published.statusCode() + " " + published.body());
                        }
                        ids.add(id.group(1));
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 5) {
                            System.err.println("seed: " + e.getMessage());
                        }
                    } finally {
                        gate.release();
                    }
                    return null;
                });
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " seeded posts failed");
        }
        Files.write(out.resolve("ids.txt"), ids);
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        do {
            String url = base + "/api/content/feed?limit=20" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("feed " + page.statusCode() + " " + page.body());
            }
            Matcher next = NEXT.matcher(page.body());
            cursor = next.find() ? URLEncoder.encode(next.group(1), StandardCharsets.UTF_8) : null;
            if (cursor != null) {
                cursors.add(cursor);
            }
        } while (cursor != null);
        Files.write(out.resolve("cursors.txt"), cursors);
        System.out.println(ids.size() + " published, " + cursors.size() + " feed cursors");
    }

    static void limit(String base, String token, int concurrent) throws Exception {
        HttpClient http = client();
        String body = "{\"prompt\":\"Three tips for growing tomatoes on a balcony\",\"type\":\"social_post\","
                + "\"length\":\"short\",\"visibility\":\"private\"}";
        // Every thread makes one request first (the liveness check), so that connections exist and
        // the generate requests leave together, released by one latch.
        CountDownLatch ready = new CountDownLatch(concurrent);
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        long[] latencies = new long[concurrent];
        AtomicInteger errors = new AtomicInteger();
        long[] start = new long[1];
        // One client: it opens a new HTTP/1.1 connection whenever none is idle, so CONCURRENT
        // requests sent at once are CONCURRENT connections in flight.
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrent; i++) {
                int n = i;
                threads.submit(() -> {
                    HttpClient own = http;
                    try {
                        own.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live")).GET().build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    ready.countDown();
                    try {
                        go.await();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = own.send(post(base + "/api/content/generate", token, body),
                                HttpResponse.BodyHandlers.ofString());
                        latencies[n] = System.nanoTime() - t0;
                        synchronized (statuses) {
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        }
                        if (r.statusCode() != 201 && r.statusCode() != 402 && errors.incrementAndGet() <= 5) {
                            System.err.println("limit: " + r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 5) {
                            System.err.println("limit: " + e);
                        }
                    }
                    return null;
                });
            }
            ready.await();
            start[0] = System.nanoTime();
            go.countDown();
        }
        long wall = System.nanoTime() - start[0];
        Arrays.sort(latencies);
        int created = statuses.getOrDefault(201, new AtomicInteger()).get();
        int refused = statuses.getOrDefault(402, new AtomicInteger()).get();
        System.out.printf("created=%d refused=%d other=%d p50_ms=%.1f p99_ms=%.1f wall_ms=%.0f statuses=%s%n", created, refused,
                concurrent - created - refused, latencies[concurrent / 2] / 1e6, latencies[(int) (concurrent * 0.99)] / 1e6,
                wall / 1e6, statuses);
    }

    private static HttpRequest post(String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            return b.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
