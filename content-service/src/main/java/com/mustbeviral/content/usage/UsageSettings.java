package com.mustbeviral.content.usage;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code content.usage.*}: the free plan's limits and how reservations behave. */
public interface UsageSettings {

    /** Limits of a user billing has said nothing about yet, per calendar month (UTC). */
    Free free();

    /** How long a reservation holds a unit before it counts as abandoned (longer than a generation can take). */
    @WithDefault("5m")
    Duration reservationTtl();

    /** How often abandoned reservations give their unit back ({@link ReservationSweep}). */
    @WithDefault("1m")
    Duration sweepEvery();

    /** Where a refused user learns about plans (billing's plan list through the gateway). */
    @WithDefault("/api/billing/plans")
    String upgradeUrl();

    interface Free {
        @WithDefault("10")
        long aiGenerations();

        @WithDefault("20")
        long publishes();
    }
}
