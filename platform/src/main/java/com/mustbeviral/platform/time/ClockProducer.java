package com.mustbeviral.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of time in main code: inject {@link Clock} instead of calling
 * {@code Clock.systemUTC()} or {@code Instant.now()}, so that tests can move time (test-support's
 * {@code TestClock} replaces this default bean) instead of sleeping.
 */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
