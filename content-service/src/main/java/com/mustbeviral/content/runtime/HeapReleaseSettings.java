package com.mustbeviral.content.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code content.heap-release.*}: giving the heap back once the service is quiet (IdleHeapRelease). */
@ConfigMapping(prefix = "content.heap-release")
public interface HeapReleaseSettings {

    /** Whether a quiet service with much free heap asks for a full collection. */
    @WithDefault("true")
    boolean enabled();

    /** How often it looks; a whole interval without any collection counts as quiet. */
    @WithDefault("10s")
    String every();

    /**
     * Committed heap (MB) at or below which nothing is done: a heap this small is not worth a pause, and
     * after a release the heap is below it (≈ the live set / (1 - MaxHeapFreeRatio) plus the young
     * generation: 53 MB after the bench), so only a load that grows it again leads to another release.
     */
    @WithDefault("64")
    int aboveMb();
}
