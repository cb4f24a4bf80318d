package com.mustbeviral.content.generation;

/**
 * One item of a streamed generation: tokens as the provider produces them, then exactly one
 * {@link Completed} with the whole text and its usage (the stream's last item).
 */
public sealed interface GenerationEvent {

    /** A piece of text, to be shown at once (and appended to what came before). */
    record Token(String text) implements GenerationEvent {
    }

    /** The end of the stream: the full text (the tokens joined) and what it cost. */
    record Completed(GeneratedText result) implements GenerationEvent {
    }
}
