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
}
