package com.mustbeviral.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Tokens this gateway has already verified, by their exact compact form (signature included), until
 * they expire. A client sends the same token on every request for its lifetime; an RSA verification
 * and two JSON parses each time were most of the gateway's CPU per request. Only fully verified
 * tokens go in, an entry never outlives the token's {@code exp} (plus the same clock skew the
 * verifier allows), and the whole cache is dropped when auth's key set changes, so a withdrawn key
 * stops working at once. Revocation is not cached here: it is checked in Redis on every request.
 */
final class VerifiedTokens {

    private record Entry(AccessToken token, long usableUntilMillis) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long skewMillis;
    private final LongSupplier clock;

    VerifiedTokens(int maxEntries, long skewMillis, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.skewMillis = skewMillis;
        this.clock = clock;
    }

    /** The identity of {@code token} if it was verified before and has not expired since; else null. */
    AccessToken get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.usableUntilMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.token();
    }

    void put(String token, AccessToken identity, long expiresAtMillis) {
        if (entries.size() >= maxEntries) {
            // Crude but bounded: starting over costs one verification per active token, once.
            entries.clear();
        }
        entries.put(token, new Entry(identity, expiresAtMillis + skewMillis));
    }

    void clear() {
        entries.clear();
    }
}
