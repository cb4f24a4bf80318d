package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.gateway.config.GatewayConfig;
import com.mustbeviral.gateway.ratelimit.RedisLink;
import com.mustbeviral.platform.events.UndecodableEvent;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits and revocations while Redis is killed or frozen, and rate limits after it is back; with
 * a real redis-server process (and a real broker for the revocations).
 */
@QuarkusTest
@WithTestResource(StoppableRedis.class)
@WithTestResource(FakeUpstreams.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(EventChannelsOn.class)
class RedisFallbackTest {

    @StoppableRedis.Handle
    StoppableRedis redis;

    /**
     * What a request's round trip may add to the Redis budget on a loaded, shared machine: 244 ms was
     * seen for the first request with both cores saturated (load 16). Still far below the 2 s wait on
     * Redis's own command timeout that the budget exists to prevent.
     */
    private static final long MARGIN_MS = 250;

    @Inject
    RedisLink link;

    @Inject
    GatewayConfig config;

    @AfterEach
    void redisRunsAgain() {
        redis.thaw();
        if (!link.available()) {
            redis.kill();
            redis.startServer();
        }
        await().atMost(Duration.ofSeconds(10)).until(link::available);
    }

    @Test
    void keepsLimitingInProcessWhileRedisIsDown() {
        redis.kill();
        String bearer = TestTokens.user().claim("plan", "tiny").asBearer();
        double fallbacksBefore = fallbacks();

        for (int i = 0; i < 20; i++) {
            given().header("Authorization", bearer).get("/api/content/1").then()
                    .statusCode(200)
                    .header("RateLimit-Policy", equalTo("\"tiny\";q=20;w=3600"));
        }
        assertProblem(given().header("Authorization", bearer).get("/api/content/1").then(), 429);
        assertTrue(fallbacks() >= fallbacksBefore + 21, "every decision meanwhile is counted as a fallback");
        assertFalse(link.available());
    }

    @Test
    void neverKeepsARequestWaitingLongOnAFrozenRedis() {
        given().header("Authorization", TestTokens.bearer()).get("/api/content/1").then().statusCode(200);
        redis.freeze();

        // The contract is the redis-timeout budget (50 ms): the first request after the freeze waits it out,
        // the ones after it do not wait for Redis at all. The margin covers the test's own HTTP round trip
        // on a shared machine, not a second wait on Redis.
        long budgetMs = config.rateLimit().redisTimeout().toMillis();
        assertEquals(50, budgetMs, "the production budget");
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            Response response = given().header("Authorization", TestTokens.bearer()).get("/api/content/1");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, response.statusCode());
            assertTrue(ms < budgetMs + MARGIN_MS, "request " + i + " took " + ms + " ms with Redis frozen (budget "
                    + budgetMs + " ms + " + MARGIN_MS + " ms margin)");
        }
        assertTrue(Metrics.value("gateway_rate_limit_fallback_total", "reason", "redis_timeout") >= 1);
    }

    @Test
    void goesBackToRedisOnceItIsRunningAgain() {
        redis.kill();
        given().header("Authorization", TestTokens.bearer()).get("/api/content/1").then().statusCode(200);
        redis.startServer();

        await().atMost(Duration.ofSeconds(10)).until(link::available);
        double fallbacksBefore = fallbacks();
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", TestTokens.bearer()).get("/api/content/1").then().statusCode(200);
        }
        assertEquals(fallbacksBefore, fallbacks(), "decided in Redis again");
    }

    @Test
    void refusesARevokedSessionItCouldNotStoreAndDeadLettersTheRecord() throws Exception {
        TestTokens token = TestTokens.user();
        redis.kill();
        String payload = """
                {"session_id":"%s","user_id":"%s","reason":"logout","revoked_at":"%s","access_tokens_expire_by":"%s"}"""
                .formatted(token.claimValue("sid"), token.claimValue("sub"), Instant.now(), Instant.now().plusSeconds(900));
        CloudEventRecords.send(CloudEventRecords.of(Topics.AUTH_SESSIONS, SessionRevoked.TYPE, token.claimValue("sub"), payload));

        // The write kept failing: after the retries the record waits in the dead-letter topic, as one
        // that was readable, for someone to replay once Redis is back...
        ConsumerRecord<String, String> letter = DeadLetterTopic.awaitLetter(Topics.AUTH_SESSIONS,
                DeadLetterTopic.withValue(payload));
        assertNotEquals(Optional.of(UndecodableEvent.class.getName()), DeadLetterTopic.header(letter, "dead-letter-cause"));
        // ...and this instance refuses the session meanwhile, from what it remembers itself.
        assertProblem(given().header("Authorization", token.asBearer()).get("/api/content/1").then(), 401)
                .body("detail", equalTo("The session of this access token was revoked"));
    }

    private static double fallbacks() {
        return Metrics.value("gateway_rate_limit_fallback_total", "reason", "redis_down")
                + Metrics.value("gateway_rate_limit_fallback_total", "reason", "redis_error")
                + Metrics.value("gateway_rate_limit_fallback_total", "reason", "redis_timeout");
    }
}
