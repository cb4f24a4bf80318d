package com.mustbeviral.auth.service;

/** Result of presenting a refresh token; a reuse is committed (family revoked) before it is answered. */
public sealed interface RefreshOutcome {

    record Rotated(TokenPair tokens) implements RefreshOutcome {
    }

    /** Unknown, expired or revoked: nothing changed. */
    record Rejected() implements RefreshOutcome {
    }

    /** A rotated token came back outside its grace: the family is now revoked. */
    record ReuseDetected() implements RefreshOutcome {
    }
}
