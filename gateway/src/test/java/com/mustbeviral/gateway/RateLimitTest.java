package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.gateway.ratelimit.RateBucket;
import com.mustbeviral.gateway.ratelimit.RateDecision;
import com.mustbeviral.gateway.ratelimit.RateLimiter;
import com.mustbeviral.gateway.ratelimit.RatePolicy;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Limits held in Redis. Plan "tiny" (20 per hour) exists in the test configuration only. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class RateLimitTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RateLimiter limiter;

    @Inject
    Vertx vertx;

    @Test
    void letsExactlyTheLimitThroughWhenManyClientsCallAtOnce() throws Exception {
        warmUp();
        double fallbacksBefore = fallbacks();
        String bearer = TestTokens.user().claim("plan", "tiny").asBearer();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(CompletableFuture.supplyAsync(() ->
                        given().header("Authorization", bearer).get("/api/content/1").statusCode(), clients));
            }
            int passed = 0;
            int limited = 0;
            for (CompletableFuture<Integer> answer : answers) {
                int status = answer.get();
                passed += status == 200 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            assertEquals(fallbacksBefore, fallbacks(), "every decision was Redis's, not the in-process fallback's");
            assertEquals(20, passed);
            assertEquals(80, limited);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void decidesExactlyWhenSeveralRequestsShareOneWriteToRedis() throws Exception {
        List<RateDecision> decisions = decideInOnePass(10, new RatePolicy("five", 5, Duration.ofHours(1)));
        assertEquals(5, decisions.stream().filter(RateDecision::allowed).count());
        assertEquals(List.of(4L, 3L, 2L, 1L, 0L), decisions.stream().limit(5).map(RateDecision::remaining).toList(),
                "decided in the order the requests came");
    }

    @Test
    void loadsTheScriptAgainWhenRedisHasForgottenItMidWrite() throws Exception {
        warmUp();
        double fallbacksBefore = fallbacks();
        redis.execute("SCRIPT", "FLUSH"); // as after a Redis restart
        // Scripts sharing a write fail together, each with "ERR [i] NOSCRIPT ...".
        List<RateDecision> decisions = decideInOnePass(4, new RatePolicy("four", 4, Duration.ofHours(1)));
        assertEquals(4, decisions.stream().filter(RateDecision::allowed).count());
        assertEquals(fallbacksBefore, fallbacks(), "the script was loaded again and Redis decided, not the fallback");
    }

    /** {@code count} decisions on one bucket, asked for in one pass of one event loop (so in one write). */
    private List<RateDecision> decideInOnePass(int count, RatePolicy policy) throws Exception {
        RateBucket bucket = new RateBucket(policy, "user:" + UUID.randomUUID(), 1);
        CompletableFuture<List<RateDecision>> decided = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            List<Future<RateDecision>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(limiter.decide(bucket, null));
            }
            Future.all(pending).onComplete(all -> decided.complete(pending.stream().map(Future::result).toList()));
        });
        return decided.get(10, TimeUnit.SECONDS);
    }

    @Test
    void answersWithTheDraftAndLegacyRateLimitHeaders() {
        long before = System.currentTimeMillis() / 1000;
        given().header("Authorization", TestTokens.user().claim("plan", "pro").asBearer())
                .get("/api/content/1").then()
                .statusCode(200)
                .header("RateLimit-Policy", equalTo("\"pro\";q=600;w=60"))
                .header("RateLimit", equalTo("\"pro\";r=599;t=1"))
                .header("X-RateLimit-Limit", equalTo("600"))
                .header("X-RateLimit-Remaining", equalTo("599"))
                .header("X-RateLimit-Reset", matchesPattern("\\d+"));
        Response again = given().header("Authorization", TestTokens.user().claim("plan", "pro").asBearer()).get("/api/content/1");
        long reset = Long.parseLong(again.header("X-RateLimit-Reset"));
        assertTrue(reset >= before && reset <= before + 3, "X-RateLimit-Reset is in epoch seconds: " + reset);
    }

    @Test
    void refusesPastTheLimitWith429ProblemAndRetryAfter() {
        String bearer = TestTokens.user().claim("plan", "tiny").asBearer();
        for (int i = 0; i < 20; i++) {
            given().header("Authorization", bearer).get("/api/content/1").then().statusCode(200);
        }
        double before = Metrics.value("gateway_rate_limit_rejections_total", "policy", "tiny");

        Response refused = given().header("Authorization", bearer).get("/api/content/1");
        assertProblem(refused.then(), 429)
                .header("RateLimit", matchesPattern("\"tiny\";r=0;t=3\\d{3}"))
                .header("X-RateLimit-Remaining", equalTo("0"))
                .body("detail", matchesPattern(".*tiny.*"));
        // One unit of 20 per hour comes back every 3 minutes, less the time the 20 calls took.
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 150 && retryAfter <= 180, "Retry-After " + retryAfter);
        assertEquals(before + 1, Metrics.value("gateway_rate_limit_rejections_total", "policy", "tiny"));
    }

    @Test
    void givesEachPlanItsOwnQuota() {
        for (String plan : List.of("free:120", "pro:600", "business:3000")) {
            String[] nameAndLimit = plan.split(":");
            given().header("Authorization", TestTokens.user().claim("plan", nameAndLimit[0]).asBearer())
                    .get("/api/content/1").then()
                    .header("X-RateLimit-Limit", equalTo(nameAndLimit[1]));
        }
    }

    @Test
    void fallsBackToTheDefaultPlanForAnUnknownPlanClaim() {
        given().header("Authorization", TestTokens.user().claim("plan", "platinum").asBearer())
                .get("/api/content/1").then()
                .header("RateLimit-Policy", equalTo("\"free\";q=120;w=60"));
    }

    @Test
    void limitsAPartnerByItsClientAcrossTokens() {
        String client = "partner-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.partner(client, "content:read").asBearer()).get("/api/content/1")
                .then().header("RateLimit", equalTo("\"partner\";r=1199;t=3"));
        given().header("Authorization", TestTokens.partner(client, "content:read").asBearer()).get("/api/content/1")
                .then().header("X-RateLimit-Remaining", equalTo("1198"));
    }

    @Test
    void limitsLoginPerClientAddressWithItsOwnStricterQuota() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", address).post("/api/auth/login").then().statusCode(200);
        }
        assertProblem(given().header("X-Forwarded-For", address).post("/api/auth/login").then(), 429)
                .header("RateLimit-Policy", equalTo("\"login\";q=10;w=60"));
        // Another address still gets in, and so does the same address on another route.
        given().header("X-Forwarded-For", "198.18.0." + (1 + (int) (Math.random() * 250))).post("/api/auth/login").then().statusCode(200);
        given().header("X-Forwarded-For", address).post("/api/auth/refresh").then().statusCode(200);
    }

    @Test
    @Tag("attack")
    void countsTheConsentPagesPasswordCheckUnderTheLoginQuota() {
        // auth's consent form posts a login and password to /oauth2/authorize/decision: guessing passwords
        // there must cost what it costs on /api/auth/login, from the same bucket.
        String address = "203.0.114." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", address).post("/api/auth/login").then().statusCode(200);
        }
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", address).post("/oauth2/authorize/decision").then().statusCode(200)
                    .header("RateLimit-Policy", equalTo("\"login\";q=10;w=60"));
        }
        assertProblem(given().header("X-Forwarded-For", address).post("/oauth2/authorize/decision").then(), 429)
                .header("RateLimit-Policy", equalTo("\"login\";q=10;w=60"));
        // The consent page itself (GET) stays under the anonymous quota.
        given().header("X-Forwarded-For", address).get("/oauth2/authorize").then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"anonymous\";q=60;w=60"));
    }

    @Test
    void limitsLoginPerAddressEvenForASignedInCaller() {
        given().header("Authorization", TestTokens.bearer()).header("X-Forwarded-For", "192.0.2.77")
                .post("/api/auth/login").then()
                .header("RateLimit-Policy", equalTo("\"login\";q=10;w=60"));
    }

    @Test
    void limitsAnonymousCallsPerClientAddress() {
        given().header("X-Forwarded-For", "192.0.2." + (1 + (int) (Math.random() * 250)))
                .get("/api/content/feed").then()
                .statusCode(200)
                .header("RateLimit", equalTo("\"anonymous\";r=59;t=1"));
    }

    @Test
    void limitsAnalyticsIngestionPerClientAddressInItsOwnBucket() {
        given().header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 250)))
                .post("/api/events").then()
                .statusCode(200)
                .header("RateLimit", equalTo("\"events\";r=119;t=1"));
    }

    @Test
    void chargesAnExpensiveRouteItsCost() {
        String bearer = TestTokens.user().claim("plan", "tiny").asBearer();
        given().header("Authorization", bearer).post("/api/media").then()
                .statusCode(200)
                .header("X-RateLimit-Remaining", equalTo("15")); // POST /api/media costs 5 of 20
    }

    /** A cold JIT can make the very first Redis calls miss the 50 ms timeout; this test is about Redis deciding. */
    private static void warmUp() {
        for (int i = 0; i < 50; i++) {
            Calls.asUser().get("/api/content/1");
        }
    }

    private static double fallbacks() {
        return Metrics.value("gateway_rate_limit_fallback_total", "reason", "redis_down")
                + Metrics.value("gateway_rate_limit_fallback_total", "reason", "redis_error")
                + Metrics.value("gateway_rate_limit_fallback_total", "reason", "redis_timeout");
    }

    @Test
    void costsOneRedisRoundTripPerRequest() {
        java.util.Map<String, Long> before = commandCalls();
        for (int i = 0; i < 25; i++) {
            Calls.asUser().get("/api/content/1").then().statusCode(200);
        }
        java.util.Map<String, Long> after = commandCalls();

        long scripts = delta(before, after, "evalsha") + delta(before, after, "eval");
        // Redis also counts the commands the script runs inside (time, get, set, exists, and hget: the
        // user's own quota from billing); anything else a client sent would show here, but for this
        // test's own INFO and its connection set-up.
        long others = after.keySet().stream()
                .filter(c -> !List.of("evalsha", "eval", "time", "get", "set", "exists", "hget", "info", "hello", "select")
                        .contains(c))
                .filter(c -> !c.startsWith("client"))
                .mapToLong(c -> delta(before, after, c)).sum();
        assertEquals(25, scripts);
        assertEquals(25, delta(before, after, "time"), "the script ran once per request");
        assertEquals(25, delta(before, after, "hget"), "the user's quota from billing, looked up in the same script");
        assertEquals(0, others, "no command besides the one script per request: " + after);
    }

    private static long delta(java.util.Map<String, Long> before, java.util.Map<String, Long> after, String command) {
        return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
    }

    private java.util.Map<String, Long> commandCalls() {
        java.util.Map<String, Long> calls = new java.util.HashMap<>();
        Matcher m = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(redis.execute("INFO", "commandstats").toString());
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return calls;
    }
}
