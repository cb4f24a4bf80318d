package com.mustbeviral.content.config;

import com.mustbeviral.content.generation.GenerationSettings;
import com.mustbeviral.content.moderation.ModerationSettings;
import com.mustbeviral.content.usage.UsageSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of content-service (prefix {@code content}). */
@ConfigMapping(prefix = "content")
public interface ContentConfig {

    /** Items per page when a list request names no limit. */
    @WithDefault("50")
    int defaultPageSize();

    /** AI generation: the provider and its guard ({@code content.generation.*}). */
    GenerationSettings generation();

    /** The optional moderation provider ({@code content.moderation.*}). */
    ModerationSettings moderation();

    /** Metering against entitlements ({@code content.usage.*}). */
    UsageSettings usage();
}
