package com.mustbeviral.content.runtime;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.jboss.logging.Logger;

/**
 * Gives the heap a load grew back to the operating system once the service is quiet. SerialGC
 * (the fleet's collector: the least CPU and native memory per request on two cores) shrinks the heap
 * only in a full collection, and a service that is idle after a burst never has one: after the bench's
 * load the heap stayed at its 128 MB maximum with 27 MB live. So when no collection at all happened
 * during a whole check interval (the service allocated less than its young generation: quiet), a
 * collection happened since the last release (the heap may have grown), and the committed heap is
 * above {@code content.heap-release.above-mb}, one full collection is asked for ({@code System.gc()}; with {@code -XX:-ShrinkHeapInSteps} it shrinks the heap to
 * {@code MaxHeapFreeRatio} at once, else over several). Its pause (tens of ms for a few tens of MB
 * live) falls in a quiet moment by construction. {@code -XX:+DisableExplicitGC} turns it into nothing.
 */
@ApplicationScoped
public class IdleHeapRelease {

    private static final Logger LOG = Logger.getLogger(IdleHeapRelease.class);

    private final HeapReleaseSettings settings;
    private final Decision decision;

    IdleHeapRelease(HeapReleaseSettings settings) {
        this.settings = settings;
        this.decision = new Decision(settings.aboveMb() * 1024L * 1024L);
    }

    @Scheduled(every = "${content.heap-release.every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!settings.enabled()) {
            return;
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (decision.releaseNow(collections(), heap.getCommitted())) {
            System.gc();
            decision.released(collections());
            LOG.infof("Heap released after a quiet interval: %d MB committed before, %d MB now", heap.getCommitted() >> 20,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20);
        }
    }

    /** What was let go of is garbage in a quiet heap: the spell may release once more. */
    void onLetGo(@Observes MemoryLetGo letGo) {
        decision.rearm();
        LOG.debugf("%s let go of: the heap may be released again", letGo.what());
    }

    /** Collections of every collector so far. */
    static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /**
     * When to release, from the collection count and the committed heap at each check. Not from the
     * heap's "used": without a collection it counts the garbage too (after the bench's load the old
     * generation was mostly garbage, and "free" looked small), so the floor is on the committed size.
     */
    static final class Decision {

        private final long above;
        private long countAtLastCheck = -1;
        private long countAfterRelease = -1;

        Decision(long above) {
            this.above = above;
        }

        synchronized boolean releaseNow(long collections, long committed) {
            boolean quiet = collections == countAtLastCheck;
            countAtLastCheck = collections;
            return quiet && collections != countAfterRelease && committed > above;
        }

        /** Allows one more release in the current quiet spell (new garbage that no collection will find). */
        synchronized void rearm() {
            countAfterRelease = -1;
        }

        synchronized void released(long collections) {
            countAfterRelease = collections;
            countAtLastCheck = collections;
        }
    }
}
