package com.mustbeviral.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How consumers retry a record before it goes to the dead-letter topic (prefix {@code platform.events}). */
@ConfigMapping(prefix = "platform.events")
public interface ConsumerSettings {

    /** Attempts at handling a record (the first one included) before it is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the second attempt; doubled before each next one. */
    @WithDefault("200ms")
    Duration firstBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** Longest wait for the broker to acknowledge a dead letter before the send is tried again. */
    @WithDefault("10s")
    Duration deadLetterTimeout();
}
