package com.mustbeviral.auth.session.service;

import java.util.function.Function;

/**
 * Result of presenting a refresh token: the rotated session ({@link SessionFamilies}), then its
 * signed token pair ({@link SessionTokens}). A reuse is committed (family revoked) before it is answered.
 */
public sealed interface RefreshOutcome<T> {

    record Rotated<T>(T value) implements RefreshOutcome<T> {
    }

    /** Unknown, expired or revoked: nothing changed. */
    record Rejected<T>() implements RefreshOutcome<T> {
    }

    /** A rotated token came back outside its grace: the family is now revoked. */
    record ReuseDetected<T>() implements RefreshOutcome<T> {
    }

    /** The same outcome with the rotated value turned into another (a session into its token pair). */
    default <U> RefreshOutcome<U> map(Function<T, U> f) {
        return switch (this) {
            case Rotated<T> rotated -> new Rotated<>(f.apply(rotated.value()));
            case Rejected<T> rejected -> new Rejected<>();
            case ReuseDetected<T> reuse -> new ReuseDetected<>();
        };
    }
}
