package com.mustbeviral.auth.partner.service;

/**
 * An error of the OAuth 2.0 protocol endpoints, answered as RFC 6749 section 5.2 spells it
 * ({@code {error, error_description}}), not as problem+json: partner client libraries parse that
 * format and no other, and the error codes are part of the protocol.
 */
public class OAuthError extends RuntimeException {

    private final String error;
    private final int status;

    private OAuthError(String error, String description, int status) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public int status() {
        return status;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400);
    }

    /** Client authentication failed: 401, with a {@code WWW-Authenticate: Basic} challenge. */
    public static OAuthError invalidClient(String description) {
        return new OAuthError("invalid_client", description, 401);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, 400);
    }

    public static OAuthError unauthorizedClient(String description) {
        return new OAuthError("unauthorized_client", description, 400);
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", description, 400);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", description, 400);
    }
}
