package com.mustbeviral.content.generation;

import com.mustbeviral.platform.problem.Refusal;
import io.smallrye.mutiny.Multi;

/**
 * Writes text for a {@link GenerationRequest}. One bean, chosen by {@code content.generation.provider}
 * ({@link GeneratorSelection}). A provider that fails or cannot be reached raises a {@link Refusal}
 * with a {@link GenerationRefusal} reason (502 or 503); nothing has been produced then.
 */
public interface TextGenerator {

    /** The whole text at once; blocks (call it on a worker thread). */
    GeneratedText generate(GenerationRequest request);

    /**
     * The text as it is produced: {@link GenerationEvent.Token}s, then one
     * {@link GenerationEvent.Completed}. A failure before the first token fails the stream with a
     * {@link Refusal} (retried first where the provider allows); a failure after it too, with what was
     * sent so far left to the caller to discard.
     */
    Multi<GenerationEvent> stream(GenerationRequest request);

    /** The provider's name as drafts record it. */
    String provider();
}
