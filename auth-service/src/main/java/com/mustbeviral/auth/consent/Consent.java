package com.mustbeviral.auth.consent;

import java.time.Instant;

/** A user's current answer for one purpose; {@code updatedAt} is null while it is the default (not granted). */
public record Consent(ConsentPurpose purpose, boolean granted, Instant updatedAt) {

    public static Consent notGiven(ConsentPurpose purpose) {
        return new Consent(purpose, false, null);
    }
}
