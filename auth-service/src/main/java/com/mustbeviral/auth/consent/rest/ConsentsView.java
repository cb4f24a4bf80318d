package com.mustbeviral.auth.consent.rest;

import com.mustbeviral.auth.consent.Consent;
import java.time.Instant;
import java.util.List;

/** A user's consents by purpose; {@code updated_at} is null for a purpose never answered. */
public record ConsentsView(State analytics, State marketing, State aiTraining) {

    /** The answer for one purpose. */
    public record State(boolean granted, Instant updatedAt) {
    }

    static ConsentsView of(List<Consent> consents) {
        State[] states = new State[3];
        for (Consent c : consents) {
            states[c.purpose().ordinal()] = new State(c.granted(), c.updatedAt());
        }
        return new ConsentsView(states[0], states[1], states[2]);
    }
}
