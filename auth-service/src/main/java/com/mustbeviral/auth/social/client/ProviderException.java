package com.mustbeviral.auth.social.client;

/** A social provider refused the code, could not be reached, or answered something that cannot be trusted. */
public class ProviderException extends RuntimeException {

    /** What went wrong, coarsely: it decides the answer the app gets. */
    public enum Kind {
        /** The provider refused the grant (an expired or reused code, a wrong PKCE verifier). */
        REJECTED,
        /** No usable answer in time: network, timeout, 5xx. */
        UNAVAILABLE,
        /** An answer that does not prove an identity: a bad ID token signature, issuer, audience, nonce. */
        UNTRUSTED
    }

    private final Kind kind;
    private final String provider;

    public ProviderException(Kind kind, String provider, String message) {
        super(message);
        this.kind = kind;
        this.provider = provider;
    }

    public ProviderException(Kind kind, String provider, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.provider = provider;
    }

    public Kind kind() {
        return kind;
    }

    public String provider() {
        return provider;
    }
}
