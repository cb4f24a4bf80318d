package com.mustbeviral.content.generation;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code content.generation.*}: which provider writes text, and how the remote one is guarded. */
public interface GenerationSettings {

    /** {@code local} (the outline, no server) or {@code openai} (any OpenAI-compatible server). */
    @WithDefault("local")
    Provider provider();

    OpenAi openai();

    enum Provider {
        LOCAL, OPENAI
    }

    /** An OpenAI-compatible chat-completions server: OpenAI, Ollama, vLLM, LM Studio. */
    interface OpenAi {

        /** Up to the version prefix, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}. */
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        /** Secret: from the environment ({@code CONTENT_GENERATION_OPENAI_API_KEY}), never a properties file. Local servers need none. */
        Optional<String> apiKey();

        @WithDefault("gpt-4o-mini")
        String model();

        @WithDefault("0.7")
        double temperature();

        /** Longest wait for a whole answer, or for a stream's first token, per attempt. */
        @WithDefault("60s")
        Duration timeout();

        /** Longest silence between two streamed tokens. */
        @WithDefault("30s")
        Duration streamIdleTimeout();

        /** Retries after a failed attempt (5xx, 429, timeout, no connection); never once a stream has begun. */
        @WithDefault("2")
        int maxRetries();

        @WithDefault("500ms")
        Duration retryDelay();

        /** Calls the circuit breaker looks at (a rolling window) before it may open. */
        @WithDefault("8")
        int circuitRequestVolume();

        /** Share of failed calls in that window that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long an open circuit refuses calls before it lets one through to try. */
        @WithDefault("30s")
        Duration circuitDelay();
    }
}
