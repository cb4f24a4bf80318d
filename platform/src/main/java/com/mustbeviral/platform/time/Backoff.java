package com.mustbeviral.platform.time;

import java.time.Duration;

/** The fleet's one retry pacing: each wait twice the last, never more than a ceiling. */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after {@code last}: double it, capped at {@code max}. */
    public static Duration after(Duration last, Duration max) {
        Duration doubled = last.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
