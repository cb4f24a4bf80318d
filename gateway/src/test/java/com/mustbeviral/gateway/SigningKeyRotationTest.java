package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/** JWKS refetch on an unknown key id (min-refetch-interval is 2 s in tests). */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class SigningKeyRotationTest {

    @Test
    void acceptsATokenSignedWithAKeyAuthPublishedAfterStartup() {
        PublicJsonWebKey rotated = TestTokens.newKey("rotated-" + UUID.randomUUID());
        given().baseUri(fakeAuth()).body(rotated.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .post("/fake/jwks/keys").then().statusCode(204);
        String bearer = TestTokens.user().signedWith(rotated).asBearer();

        // At once, or after the rest of a refetch interval another test started.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", bearer).get("/api/content/1").then().statusCode(200));
    }

    @Test
    void fetchesTheKeySetAtMostOncePerIntervalForAFloodOfUnknownKeyIds() throws Exception {
        int before = fetches();
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String bearer = TestTokens.user().kid("made-up-" + UUID.randomUUID()).asBearer();
                answers.add(CompletableFuture.supplyAsync(() ->
                        given().header("Authorization", bearer).get("/api/content/1").statusCode(), clients));
            }
            for (CompletableFuture<Integer> answer : answers) {
                assertTrue(answer.get() == 401, "a token with an unknown key id is refused");
            }
        } finally {
            clients.shutdownNow();
        }
        int fetched = fetches() - before;
        // One per started 2 s interval (JwksCacheTest pins the exact rule with a fake clock).
        long intervals = 1 + (System.nanoTime() - start) / 2_000_000_000L;
        assertTrue(fetched <= intervals, "64 unknown key ids caused " + fetched + " JWKS fetches in " + intervals + " intervals");
    }

    @Test
    void refusesATokenWhoseKeyIsStillUnknownAfterTheFetch() {
        assertProblem(given().header("Authorization", TestTokens.user().kid("never-published").asBearer())
                .get("/api/content/1").then(), 401);
    }

    private static int fetches() {
        return Integer.parseInt(given().baseUri(fakeAuth()).get("/fake/jwks/fetches").asString());
    }

    private static String fakeAuth() {
        return ConfigProvider.getConfig().getValue("gateway.upstreams.auth.url", String.class);
    }
}
