package com.mustbeviral.platform.outbox;

/**
 * What the relay waits on before it publishes, so that it never publishes a change that a power cut
 * could still undo. With synchronous commits (the default) every commit is durable already; a
 * service that acknowledges commits before they reach the disk provides its own bean.
 */
public interface DurabilityBarrier {

    /** Returns once every commit made so far is durable. */
    void awaitAllDurable();
}
