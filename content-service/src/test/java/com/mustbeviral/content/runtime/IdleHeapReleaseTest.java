package com.mustbeviral.content.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A full collection is asked for once per quiet spell after activity, only when the heap is above its floor. */
class IdleHeapReleaseTest {

    private static final long MB = 1024 * 1024;

    @Test
    void releasesOnceAfterAQuietIntervalThatFollowsCollections() {
        IdleHeapRelease.Decision d = new IdleHeapRelease.Decision(64 * MB);
        assertFalse(d.releaseNow(10, 128 * MB), "the first look has nothing to compare with");
        assertFalse(d.releaseNow(14, 128 * MB), "collections during the interval: busy");
        assertTrue(d.releaseNow(14, 128 * MB), "a whole interval without a collection: quiet");
        d.released(15);
        assertFalse(d.releaseNow(15, 60 * MB), "quiet, but nothing collected since the release");
        assertFalse(d.releaseNow(15, 128 * MB), "still the same spell, even if the heap looked large");
        assertFalse(d.releaseNow(19, 128 * MB), "busy again");
        assertTrue(d.releaseNow(19, 128 * MB), "the next quiet spell releases again");
    }

    @Test
    void releasesAgainInTheSameSpellWhenSomethingLargeWasLetGoOf() {
        IdleHeapRelease.Decision d = new IdleHeapRelease.Decision(64 * MB);
        d.releaseNow(7, 128 * MB);
        assertTrue(d.releaseNow(7, 128 * MB));
        d.released(8);
        assertFalse(d.releaseNow(8, 80 * MB), "the same quiet spell: released already");
        d.rearm();
        assertTrue(d.releaseNow(8, 80 * MB), "the model's garbage came after the release: once more");
        d.released(9);
        assertFalse(d.releaseNow(9, 80 * MB), "and only once");
    }

    @Test
    void keepsASmallHeap() {
        IdleHeapRelease.Decision d = new IdleHeapRelease.Decision(64 * MB);
        d.releaseNow(3, 64 * MB);
        assertFalse(d.releaseNow(3, 64 * MB), "a heap of 64 MB is not worth a pause");
        assertTrue(d.releaseNow(3, 65 * MB), "one above it is");
    }

    @Test
    void theReleaseIsARealCollection() {
        long before = IdleHeapRelease.collections();
        System.gc();
        assertTrue(IdleHeapRelease.collections() > before, "System.gc() counts as a collection, so a release ends its spell");
    }
}
