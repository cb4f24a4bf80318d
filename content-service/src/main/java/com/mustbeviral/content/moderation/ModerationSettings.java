package com.mustbeviral.content.moderation;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code content.moderation.*}: the optional moderation provider (off unless a base URL is set). */
public interface ModerationSettings {

    /** An OpenAI-compatible server with {@code POST /moderations}, e.g. {@code https://api.openai.com/v1}; unset: off. */
    Optional<String> baseUrl();

    /** Secret: from the environment ({@code CONTENT_MODERATION_API_KEY}), never a properties file. */
    Optional<String> apiKey();

    @WithDefault("omni-moderation-latest")
    String model();

    @WithDefault("10s")
    Duration timeout();
}
