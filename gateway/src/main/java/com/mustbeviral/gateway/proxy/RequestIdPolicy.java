package com.mustbeviral.gateway.proxy;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides the request id a request carries through the fleet: the client's own if it is a sane
 * token, else a fresh UUID. Anything else would let a client push arbitrary text into every
 * service's logs and response headers.
 */
public final class RequestIdPolicy {

    /** Header carrying the request id, in and out. */
    public static final String HEADER = "X-Request-Id";

    private static final int MAX_LENGTH = 128;

    private RequestIdPolicy() {
    }

    /** The id to use for a request whose client sent {@code offered} (may be null). */
    public static String resolve(String offered) {
        return isSane(offered) ? offered : randomUuid();
    }

    /** {@code [A-Za-z0-9._-]{1,128}}, checked by hand: a regex per request shows in the profile. */
    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * A version 4 UUID from the thread's own generator. A request id must be unique, not secret;
     * UUID.randomUUID() draws from one shared SecureRandom, which every event loop would queue on.
     */
    private static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48; // IETF variant
        return new UUID(high, low).toString();
    }
}
