package com.mustbeviral.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of analytics-service (prefix {@code analytics}). */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** Events whose time lies further in the future than this are refused (clients' clocks drift). */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** Events older than this are refused: late enough for an offline app, early enough that rollups settle. */
    @WithDefault("35d")
    Duration maxEventAge();

    /** How long raw events are kept. */
    Retention retention();

    /** The engagement deltas for content-service. */
    Engagement engagement();

    /** Dashboard answers live this long in Redis (the seed's 15 minutes). */
    @WithDefault("15m")
    Duration cacheTtl();

    /** Longest wait for Redis before a dashboard is answered from the rollups. */
    @WithDefault("100ms")
    Duration cacheTimeout();

    /** Longest wait for Kafka to acknowledge a batch of accepted events. */
    @WithDefault("10s")
    Duration ingestTimeout();

    interface Retention {

        /** Raw events are deleted this long after they occurred; the rollups are kept. */
        @WithDefault("90d")
        Duration keep();

        /** How often the purge runs. */
        @WithDefault("1h")
        Duration every();
    }

    interface Engagement {

        /** How often the deltas are published. */
        @WithDefault("10s")
        Duration every();

        /** Deltas per run (the rest wait for the next run). */
        @WithDefault("1000")
        int batchSize();
    }
}
