package com.mustbeviral.content.generation;

import java.util.Locale;
import java.util.Objects;

/**
 * What a creator asks a {@link TextGenerator} for. The endpoint validates the request body (sizes,
 * enums) before building one; this record only refuses what no generator could work with.
 */
public record GenerationRequest(String prompt, Kind type, String tone, Length length, String language) {

    public GenerationRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(length, "length");
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("A generation needs a prompt");
        }
        tone = tone == null || tone.isBlank() ? "neutral" : tone.strip();
        language = language == null || language.isBlank() ? "en" : language.strip();
    }

    /** The content types a generator writes (the content's {@code type}). */
    public enum Kind {
        BLOG_POST, SOCIAL_POST, VIDEO_SCRIPT;

        /** The wire name, e.g. {@code blog_post}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String wireName) {
            return valueOf(wireName.toUpperCase(Locale.ROOT));
        }
    }

    /** How long the text should be; {@link #words()} is the target the prompt names. */
    public enum Length {
        SHORT(150), MEDIUM(500), LONG(1200);

        private final int words;

        Length(int words) {
            this.words = words;
        }

        public int words() {
            return words;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Length of(String wireName) {
            return valueOf(wireName.toUpperCase(Locale.ROOT));
        }
    }
}
