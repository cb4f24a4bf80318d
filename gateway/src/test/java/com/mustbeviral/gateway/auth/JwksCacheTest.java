package com.mustbeviral.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;

class JwksCacheTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<Promise<String>> pending = new ArrayList<>();
    private volatile String published = jwks(key("k1"));

    @Test
    void fetchesOnceForAFloodOfUnknownKeyIdsWithinOneInterval() {
        JwksCache cache = new JwksCache(this::fetchNow, INTERVAL, clock::get);

        for (int i = 0; i < 1000; i++) {
            assertFalse(cache.resolve(UUID.randomUUID().toString()).result().isPresent());
            clock.addAndGet(Duration.ofMillis(5).toNanos()); // 5 s in all, inside the interval
        }

        assertEquals(1, fetches.get());
    }

    @Test
    void fetchesAgainForAnUnknownKeyIdOnceTheIntervalHasPassed() {
        JwksCache cache = new JwksCache(this::fetchNow, INTERVAL, clock::get);
        cache.resolve("unknown");
        published = jwks(key("k2"));

        assertFalse(cache.resolve("k2").result().isPresent(), "still inside the interval");
        clock.addAndGet(INTERVAL.toNanos());
        assertTrue(cache.resolve("k2").result().isPresent(), "rotated key found after the interval");
        assertEquals(2, fetches.get());
    }

    @Test
    void requestsArrivingDuringAFetchWaitForThatSameFetch() {
        JwksCache cache = new JwksCache(this::fetchLater, INTERVAL, clock::get);

        Future<?> first = cache.resolve("k1");
        Future<?> second = cache.resolve("k1");
        assertFalse(first.isComplete());
        pending.forEach(p -> p.complete(published));

        assertTrue(first.succeeded() && second.succeeded());
        assertEquals(1, fetches.get());
    }

    @Test
    void answersACachedKeyWithoutFetching() {
        JwksCache cache = new JwksCache(this::fetchNow, INTERVAL, clock::get);
        cache.resolve("k1");
        clock.addAndGet(INTERVAL.toNanos() * 5);

        assertTrue(cache.resolve("k1").result().isPresent());
        assertEquals(1, fetches.get());
    }

    @Test
    void keepsTheKeysItHasWhenAFetchFails() {
        JwksCache cache = new JwksCache(this::fetchNow, INTERVAL, clock::get);
        cache.resolve("k1");
        clock.addAndGet(INTERVAL.toNanos());

        published = null;
        cache.refresh();

        assertTrue(cache.cachedKey("k1").isPresent());
    }

    @Test
    void dropsAKeyTheSetNoLongerHoldsOnRefresh() {
        JwksCache cache = new JwksCache(this::fetchNow, INTERVAL, clock::get);
        cache.resolve("k1");
        published = jwks(key("k2"));

        cache.refresh();

        assertFalse(cache.cachedKey("k1").isPresent());
        assertTrue(cache.cachedKey("k2").isPresent());
    }

    @Test
    void tellsWhenAFetchBringsADifferentKeySetButNotWhenItIsTheSame() {
        JwksCache cache = new JwksCache(this::fetchNow, INTERVAL, clock::get);
        AtomicInteger changes = new AtomicInteger();
        cache.onKeysChanged(changes::incrementAndGet);

        cache.refresh();
        cache.refresh();
        published = jwks(key("k2"));
        cache.refresh();

        assertEquals(2, changes.get());
    }

    @Test
    void leavesOutKeysThatAreNotForRs256Signatures() throws Exception {
        RsaJsonWebKey encryption = key("enc");
        encryption.setUse("enc");
        RsaJsonWebKey rs512 = key("rs512");
        rs512.setAlgorithm("RS512");
        published = jwks(encryption, rs512, key("good"));
        JwksCache cache = new JwksCache(this::fetchNow, INTERVAL, clock::get);
        cache.refresh();

        assertFalse(cache.cachedKey("enc").isPresent());
        assertFalse(cache.cachedKey("rs512").isPresent());
        assertTrue(cache.cachedKey("good").isPresent());
    }

    private Future<String> fetchNow() {
        fetches.incrementAndGet();
        return published == null ? Future.failedFuture("auth is down") : Future.succeededFuture(published);
    }

    private Future<String> fetchLater() {
        fetches.incrementAndGet();
        Promise<String> promise = Promise.promise();
        pending.add(promise);
        return promise.future();
    }

    private static RsaJsonWebKey key(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(RsaJsonWebKey... keys) {
        List<String> json = new ArrayList<>();
        for (RsaJsonWebKey key : keys) {
            json.add(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        return "{\"keys\":[" + String.join(",", json) + "]}";
    }
}
