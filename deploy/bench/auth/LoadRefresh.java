import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refresh-grant load where every refresh token is used exactly once, as a real client does when the
 * server rotates tokens: CHAINS sessions, each followed by its own virtual thread on its own HTTP
 * connection (one HttpClient per chain), each request presenting the refresh token the previous
 * answer returned. A closed loop: a chain sends its next request when the previous answer arrived.
 *
 *   java LoadRefresh.java auth     BASE_URL       USER PASSWORD             CHAINS WARMUP_S DURATION_S
 *   java LoadRefresh.java keycloak TOKEN_ENDPOINT USER PASSWORD ID SECRET CHAINS WARMUP_S DURATION_S
 *
 * auth: logs in with POST BASE_URL/api/auth/login {"username","password"} and refreshes with
 * POST BASE_URL/api/auth/refresh {"refresh_token"}. keycloak: grant_type=password, then
 * grant_type=refresh_token on the token endpoint, client_secret_post.
 *
 * Only requests that both start after the warm-up and end before its end count. Prints one line:
 * {@code ok=N seconds=T rps=R p50_ms=.. p99_ms=.. errors=E relogins=L statuses={...}}; a failed
 * refresh (any status but 200) is an error, and the chain logs in again to go on (the log-in is not
 * counted). Exit status 1 if more than 1% of the requests failed.
 */
public class LoadRefresh {

    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

    private final boolean keycloak;
    private final String url;
    private final String user;
    private final String password;
    private final String clientId;
    private final String clientSecret;

    private LoadRefresh(boolean keycloak, String url, String user, String password, String clientId,
            String clientSecret) {
        this.keycloak = keycloak;
        this.url = url;
        this.user = user;
        this.password = password;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    public static void main(String[] args) throws Exception {
        boolean keycloak = switch (args.length > 0 ? args[0] : "") {
            case "auth" -> false;
            case "keycloak" -> true;
            default -> throw usage();
        };
        int i = 1;
        if (args.length != (keycloak ? 9 : 7)) {
            throw usage();
        }
        String url = args[i++];
        String user = args[i++];
        String password = args[i++];
        String clientId = keycloak ? args[i++] : null;
        String clientSecret = keycloak ? args[i++] : null;
        int chains = Integer.parseInt(args[i++]);
        double warmup = Double.parseDouble(args[i++]);
        double duration = Double.parseDouble(args[i]);
        System.exit(new LoadRefresh(keycloak, url, user, password, clientId, clientSecret).run(chains, warmup, duration));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private static IllegalArgumentException usage() {
        return new IllegalArgumentException("usage: LoadRefresh auth BASE_URL USER PASSWORD CHAINS WARMUP_S DURATION_S"
                + " | LoadRefresh keycloak TOKEN_ENDPOINT USER PASSWORD CLIENT_ID CLIENT_SECRET CHAINS WARMUP_S DURATION_S");
    }

    private int run(int chains, double warmupSeconds, double durationSeconds) throws InterruptedException {
        CountDownLatch loggedIn = new CountDownLatch(chains);
        long[] window = new long[2]; // [start, end) of the measured window, nanoTime; set once all chains logged in
        CountDownLatch go = new CountDownLatch(1);
        List<List<Long>> latencies = new ArrayList<>();
        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong relogins = new AtomicLong();
        AtomicLong setupFailures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofVirtual().name("chain-" + c).start(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                try (http) {
                    String token;
                    try {
                        token = login(http);
                    } catch (Exception e) {
                        setupFailures.incrementAndGet();
                        System.err.println("login failed: " + e);
                        return;
                    } finally {
                        loggedIn.countDown();
                    }
                    go.await();
                    long start = window[0];
                    long end = window[1];
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        HttpResponse<String> response;
                        try {
                            response = http.send(refreshRequest(token), HttpResponse.BodyHandlers.ofString());
                        } catch (Exception e) {
                            response = null;
                            statuses.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        }
                        long t1 = System.nanoTime();
                        boolean counted = t0 >= start && t1 <= end;
                        if (response != null) {
                            statuses.computeIfAbsent(String.valueOf(response.statusCode()), k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                        String next = response != null && response.statusCode() == 200 ? refreshToken(response.body()) : null;
                        if (next != null) {
                            token = next;
                            if (counted) {
                                mine.add(t1 - t0);
                            }
                        } else {
                            if (counted) {
                                errors.incrementAndGet();
                            }
                            if (System.nanoTime() >= end) {
                                break;
                            }
                            relogins.incrementAndGet();
                            token = login(http);
                        }
                    }
                } catch (Exception e) {
                    System.err.println(Thread.currentThread().getName() + " stopped: " + e);
                }
            }));
        }
        loggedIn.await();
        if (setupFailures.get() > 0) {
            System.err.println(setupFailures.get() + " of " + chains + " log-ins failed; no measurement");
            go.countDown();
            return 2;
        }
        window[0] = System.nanoTime() + (long) (warmupSeconds * 1e9);
        window[1] = window[0] + (long) (durationSeconds * 1e9);
        go.countDown();
        // Marks on stdout at the window's edges, for whoever samples the server meanwhile (run.sh: its CPU).
        sleepUntil(window[0]);
        System.out.println("window=start");
        sleepUntil(window[1]);
        System.out.println("window=end");
        for (Thread t : threads) {
            t.join();
        }
        long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        int ok = all.length;
        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        System.out.printf("ok=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d relogins=%d statuses=%s%n",
                ok, durationSeconds, ok / durationSeconds, percentile(all, 50), percentile(all, 99), errors.get(),
                relogins.get(), byStatus);
        return errors.get() * 100 > ok + errors.get() ? 1 : 0;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private String login(HttpClient http) throws Exception {
        HttpRequest request = keycloak
                ? form(url, "grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
                        "username", user, "password", password)
                : json(url + "/api/auth/login", "{\"username\":" + quote(user) + ",\"password\":" + quote(password) + "}");
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String token = response.statusCode() == 200 ? refreshToken(response.body()) : null;
        if (token == null) {
            throw new IllegalStateException("log-in answered " + response.statusCode() + ": " + response.body());
        }
        return token;
    }

    private HttpRequest refreshRequest(String token) {
        return keycloak
                ? form(url, "grant_type", "refresh_token", "client_id", clientId, "client_secret", clientSecret,
                        "refresh_token", token)
                : json(url + "/api/auth/refresh", "{\"refresh_token\":" + quote(token) + "}");
    }

    private static String refreshToken(String body) {
        Matcher m = REFRESH_TOKEN.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static HttpRequest json(String target, String body) {
        return HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", "LoadRefresh/1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest form(String target, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", "LoadRefresh/1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
