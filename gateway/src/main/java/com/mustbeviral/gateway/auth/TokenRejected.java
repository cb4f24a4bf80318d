package com.mustbeviral.gateway.auth;

/**
 * Why a request's access token was not accepted. {@code reason} is a short stable word for the
 * metrics tag; the message is the RFC 6750 {@code error_description}, safe to show the client.
 */
public final class TokenRejected extends RuntimeException {

    private final String reason;

    public TokenRejected(String reason, String description) {
        super(description, null, false, false); // an expected answer, not a bug: no stack trace
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
