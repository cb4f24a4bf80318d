package com.mustbeviral.gateway.proxy;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides the request id a request carries through the fleet: the client's own if it is a sane
 * token, else a fresh UUID. Anything else would let a client push arbitrary text into every
 * service's logs and response headers.
 */
public final class RequestIdPolicy {

    /** Header carrying the request id, in and out. */
    public static final String HEADER = "X-Request-Id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIdPolicy() {
    }

    /** The id to use for a request whose client sent {@code offered} (may be null). */
    public static String resolve(String offered) {
        if (offered != null && SANE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
