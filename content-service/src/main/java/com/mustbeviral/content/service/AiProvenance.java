package com.mustbeviral.content.service;

/**
 * Where an AI-generated draft came from, stored as the content's {@code ai_metadata} (with
 * {@code ai_generated} true): the provider and model, the prompt, tokens used and time taken, and
 * whether the provider is the local outline generator rather than a model ({@code local_outline}).
 */
public record AiProvenance(String provider, String model, String prompt, long promptTokens, long completionTokens,
        long durationMillis, boolean localOutline) {
}
