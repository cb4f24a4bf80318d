package com.mustbeviral.platform.outbox;

/**
 * What the relay waits on before it publishes, so that it never publishes a change that a power cut
 * could still undo: the platform's {@code sqlite.GroupCommit}, as commits return before their fsync.
 */
public interface DurabilityBarrier {

    /** Returns once every commit made so far is durable. */
    void awaitAllDurable();
}
