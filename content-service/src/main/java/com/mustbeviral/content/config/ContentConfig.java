package com.mustbeviral.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of content-service (prefix {@code content}). */
@ConfigMapping(prefix = "content")
public interface ContentConfig {

    /** Items per page when a list request names no limit. */
    @WithDefault("50")
    int defaultPageSize();
}
