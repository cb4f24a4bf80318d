package com.mustbeviral.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final AccessToken ADA = new AccessToken("ada", "creator", "pro", "s1", null, Set.of());

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedTokens cache = new VerifiedTokens(3, 30_000, now::get);

    @Test
    void answersAVerifiedTokenUntilItsExpiryPlusTheSkew() {
        cache.put("token", ADA, now.get() + 60_000);
        now.addAndGet(89_999);
        assertSame(ADA, cache.get("token"));
        now.addAndGet(1);
        assertNull(cache.get("token"));
    }

    @Test
    void knowsOnlyTheExactTokenItVerified() {
        cache.put("token", ADA, now.get() + 60_000);
        assertNull(cache.get("token2"));
    }

    @Test
    void forgetsEverythingWhenCleared() {
        cache.put("token", ADA, now.get() + 60_000);
        cache.clear();
        assertNull(cache.get("token"));
    }

    @Test
    void staysWithinItsSize() {
        for (int i = 0; i < 4; i++) {
            cache.put("token" + i, ADA, now.get() + 60_000);
        }
        assertNull(cache.get("token0"), "full: started over before the fourth");
        assertSame(ADA, cache.get("token3"));
    }
}
