package com.mustbeviral.content.generation;

import java.time.Duration;

/**
 * A generator's output and what it cost: the draft records all of it (AI-generated, provider, model,
 * tokens, time taken). {@code provider} is {@value LocalOutlineGenerator#PROVIDER} with model
 * {@value LocalOutlineGenerator#MODEL} when no model wrote it.
 */
public record GeneratedText(String text, String provider, String model, int promptTokens, int completionTokens,
        Duration duration) {

    /** Whether a language model wrote the text (false for the local outline). */
    public boolean writtenByModel() {
        return !LocalOutlineGenerator.PROVIDER.equals(provider);
    }
}
