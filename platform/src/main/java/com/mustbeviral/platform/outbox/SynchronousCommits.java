package com.mustbeviral.platform.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The default {@link DurabilityBarrier}: commits are synchronous, so there is nothing to wait for. */
@ApplicationScoped
@DefaultBean
public class SynchronousCommits implements DurabilityBarrier {

    @Override
    public void awaitAllDurable() {
        // every commit returned after its sync
    }
}
