package com.mustbeviral.content.runtime;

/**
 * Fired (CDI event) when the service let go of a large set of objects while quiet, e.g. the embedding
 * model after its idle time: the garbage they left lies in a heap that {@link IdleHeapRelease} may
 * already have released once in this quiet spell, and no collection will come by itself to return it.
 */
public record MemoryLetGo(String what) {
}
