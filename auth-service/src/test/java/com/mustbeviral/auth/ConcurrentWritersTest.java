package com.mustbeviral.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many clients write at once. SQLite admits one writer; the others must wait their turn however
 * long the queue, never fail. The busy timeout is cut to 20 ms here, so a transaction left to
 * wait in SQLite's busy handler instead of in the service's queue would fail within this test.
 */
@QuarkusTest
@TestProfile(ConcurrentWritersTest.ShortBusyTimeout.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class ConcurrentWritersTest {

    public static class ShortBusyTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:sqlite:target/auth-busy-" + System.nanoTime()
                    + ".db?journal_mode=WAL&busy_timeout=20&foreign_keys=true&synchronous=NORMAL&transaction_mode=IMMEDIATE&jdbc.get_generated_keys=false");
        }
    }

    private static final int CLIENTS = 16;
    private static final int REFRESHES_EACH = 40;

    @Test
    void concurrentRefreshChainsAllSucceed() throws Exception {
        List<String> firstTokens = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            firstTokens.add(Accounts.login(Accounts.register()).path("refresh_token"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Map<Integer, Integer>>> chains = new ArrayList<>();
            for (String first : firstTokens) {
                chains.add(pool.submit(() -> refreshChain(first)));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Map<Integer, Integer>> chain : chains) {
                chain.get().forEach((status, count) -> statuses.merge(status, count, Integer::sum));
            }
            assertEquals(Map.of(200, CLIENTS * REFRESHES_EACH), statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Refreshes one session again and again with the token each answer returns; counts the statuses. */
    private static Map<Integer, Integer> refreshChain(String refreshToken) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        String token = refreshToken;
        for (int i = 0; i < REFRESHES_EACH; i++) {
            Response r = Accounts.refresh(token);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() != 200) {
                break;
            }
            token = r.path("refresh_token");
        }
        return statuses;
    }
}
