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

    /** Free committed heap (MB) below which nothing is done: not worth a pause. */
    @WithDefault("24")
    int minFreeMb();
}
