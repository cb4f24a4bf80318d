import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end ingestion for the analytics bench: THREADS senders post batches of BATCH events (views,
 * likes, shares of random published content ids from IDS_FILE) to POST /api/events until EVENTS were
 * accepted, as fast as they can or, with RATE > 0, paced at RATE events/s (batch k leaves at
 * k * BATCH / RATE seconds); the clock runs from the first send until the service's
 * analytics_raw_consumed_total (records committed into the rollups) has grown by EVENTS. Prints
 * "events seconds events_per_s http_events_per_s lag_p50_ms lag_p99_ms drain_events_per_s": the
 * aggregator's own rate once the senders stopped (0 when it kept up), and the lag quantiles of this
 * run's events only, from the difference of analytics_rollup_lag_milliseconds_bucket before and after
 * (interpolated linearly within a bucket, as Prometheus' histogram_quantile does).
 *
 *   java AnalyticsLoad.java BASE IDS_FILE EVENTS THREADS [BATCH] [RATE]
 */
public class AnalyticsLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String[] TYPES = { "view", "view", "view", "view", "like", "share", "click" };
    private static final String[] SOURCES = { "newsletter", "twitter", "google.com", "direct" };
    private static final String[] DEVICES = { "mobile", "desktop", "tablet" };
    private static final String[] COUNTRIES = { "DE", "FR", "US", "BR", "IN" };

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> ids = Files.readAllLines(Path.of(args[1]));
        long events = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        double rate = args.length > 5 ? Double.parseDouble(args[5]) : 0;
        String metricsBefore = metrics(base);
        double before = consumed(metricsBefore);
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        Thread[] senders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            senders[t] = Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        long start = sent.getAndAdd(batch);
                        if (start >= events) {
                            return;
                        }
                        int n = (int) Math.min(batch, events - start);
                        if (rate > 0) {
                            long due = t0 + (long) (start / rate * 1e9);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/events"))
                                .header("Content-Type", "application/json").header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
                                .POST(HttpRequest.BodyPublishers.ofString(body(ids, n))).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                }
            });
        }
        for (Thread sender : senders) {
            sender.join();
        }
        double httpSeconds = (System.nanoTime() - t0) / 1e9;
        double consumedAtHttpEnd = consumed(metrics(base)) - before;
        String metricsAfter;
        while (consumed(metricsAfter = metrics(base)) - before < events) {
            Thread.sleep(200); // each scrape costs the service CPU (a large Prometheus text): 5 a second, not 50
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        TreeMap<Double, Double> lag = buckets(metricsAfter);
        buckets(metricsBefore).forEach((le, n) -> lag.merge(le, -n, Double::sum));
        // What the aggregator did alone once the senders had stopped: its own rate, with the CPU to itself.
        double drain = seconds - httpSeconds > 0.5 ? (events - consumedAtHttpEnd) / (seconds - httpSeconds) : 0;
        System.out.printf("%d %.2f %.0f %.0f %s %s %.0f%n", events, seconds, events / seconds, events / httpSeconds,
                quantile(lag, 0.5), quantile(lag, 0.99), drain);
    }

    private static String body(List<String> ids, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder(n * 260).append("{\"events\":[");
        String now = Instant.now().minusSeconds(1).toString();
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(UUID.randomUUID()).append("\",\"event_type\":\"")
                    .append(TYPES[random.nextInt(TYPES.length)]).append("\",\"content_id\":\"")
                    .append(ids.get(random.nextInt(ids.size()))).append("\",\"occurred_at\":\"").append(now)
                    .append("\",\"user_context\":{\"device_type\":\"").append(DEVICES[random.nextInt(DEVICES.length)])
                    .append("\",\"location\":\"").append(COUNTRIES[random.nextInt(COUNTRIES.length)])
                    .append("\"},\"attribution\":{\"source\":\"").append(SOURCES[random.nextInt(SOURCES.length)])
                    .append("\"}}");
        }
        return body.append("]}").toString();
    }

    private static double consumed(String metrics) {
        Matcher m = Pattern.compile("(?m)^analytics_raw_consumed_total(?:\\{[^}]*\\})? ([0-9.eE+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The lag histogram's cumulative counts by upper bound (ms; +Inf as infinity). */
    private static TreeMap<Double, Double> buckets(String metrics) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^analytics_rollup_lag_milliseconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)")
                .matcher(metrics);
        while (m.find()) {
            buckets.put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
                    Double.parseDouble(m.group(2)));
        }
        return buckets;
    }

    private static String quantile(TreeMap<Double, Double> cumulative, double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total <= 0) {
            return "?";
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (var bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return ">" + String.format("%.0f", lower);
                }
                double inBucket = bucket.getValue() - below;
                double at = inBucket <= 0 ? bucket.getKey() : lower + (bucket.getKey() - lower) * (rank - below) / inBucket;
                return String.format("%.0f", at);
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return "?";
    }

    private static String metrics(String base) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
